### Prassi — messaggi comuni del tema (layout, pagina iniziale, errori, pagine legali).
### L'italiano è la lingua di riferimento: ogni chiave qui ha una gemella in en/main.ftl.
### Nelle pagine legali le parti tra parentesi quadre vanno completate dall'amministrazione
### che gestisce la comunità.

## Layout

site-tagline = Comunità di pratica
skip-to-content = Vai al contenuto
header-signed-in-as = Accesso effettuato come { $name }
lang-switch-label = Lingua
search-label = Cerca nel sito
search-submit = Cerca
nav-main-label = Menu principale
nav-home = Home
nav-questions = Domande
nav-forum = Forum
nav-wiki = Wiki
nav-members = Membri
nav-profile = Profilo
nav-security = Sicurezza
nav-moderation = Moderazione
nav-admin = Amministrazione
nav-logout = Esci
nav-login = Accedi
nav-register = Registrati
pending-notice-title = Richiesta di adesione in attesa.
pending-notice-text = La tua richiesta deve essere approvata dai moderatori della comunità: alcune funzioni saranno disponibili solo dopo l'approvazione.
breadcrumbs-label = Percorso
footer-nav-label = Informazioni legali
footer-privacy = Privacy
footer-legal = Note legali
footer-accessibility = Dichiarazione di accessibilità
footer-powered-by = Realizzato con Prassi
password-show = Mostra password
password-hide = Nascondi password

## Moduli, paginazione e messaggi (macros.html)

form-required = obbligatorio
form-error-prefix = Errore:
form-error-summary-title = Controlla i dati inseriti
pagination-label = Paginazione
pagination-summary = Pagina { $page } di { $pages }
pagination-prev = Precedente
pagination-next = Successiva
pagination-page = Pagina
pagination-page-number = (pagina { $page })
flash-prefix-success = Fatto:
flash-prefix-error = Errore:
flash-prefix-info = Nota:

## Conteggi

members-count =
    { $count ->
        [one] { $count } membro
       *[other] { $count } membri
    }

## Pagina iniziale

home-lead = Uno spazio di confronto per chi lavora nella pubblica amministrazione e nei progetti che la innovano.
home-cop-definition = Una comunità di pratica è un gruppo di persone che condividono un obiettivo comune, una serie di problemi o l'interesse per un tema, e che si riuniscono per raggiungere obiettivi individuali e di gruppo in un'ottica di apprendimento e crescita professionale, attraverso la condivisione delle migliori pratiche e la creazione di nuove conoscenze.
home-cop-learning = Ciò che non si impara dai manuali o dalle procedure formali si può apprendere raccontando le proprie esperienze e risolvendo insieme i problemi.
home-welcome = Ciao { $name }, buon lavoro nella comunità.
home-cta-profile = Il tuo profilo
home-cta-members = Membri della comunità
home-cta-request-access = Richiedi l'accesso
home-cta-request-membership = Chiedi di aderire
home-cta-register = Registrati
home-cta-login = Accedi
home-phase-title = Chi può partecipare
phase-1-name = Comunità riservata ai membri
phase-1-description = In questa fase partecipano le amministrazioni e i partner coinvolti nelle attività della comunità, con credenziali personali. I contenuti sono visibili solo ai membri.
phase-2-name = Comunità aperta a richieste di adesione
phase-2-description = Possono chiedere di aderire anche università, centri di ricerca, altri enti pubblici e privati ed esperti del settore. Ogni richiesta è valutata dai moderatori.
phase-3-name = Comunità aperta
phase-3-description = Chiunque sia interessato ai temi della comunità può registrarsi e partecipare alle discussioni.
home-modules-title = Spazi della comunità
home-goals-title = Che cosa facciamo
home-goal-topics-title = Approfondire temi comuni
home-goal-topics-text = I temi nascono dal confronto tra i partecipanti e si approfondiscono insieme: strumenti amministrativi, misurazione dei risultati, modelli di finanziamento, nuova programmazione.
home-goal-exchange-title = Scambiare conoscenze
home-goal-exchange-text = Ogni membro può porre un quesito e ricevere risposta da colleghi ed esperti: nel tempo le risposte diventano una fonte di conoscenza utile a tutti.
home-goal-knowhow-title = Condividere il know-how
home-goal-knowhow-text = Documenti, esperienze e buone pratiche nati nei progetti restano a disposizione della comunità e ciascuno può contribuire a migliorarli.

## Errori (usati anche dal codice Rust e dall'API)

error-not-found = Pagina non trovata
error-unauthorized = Accesso richiesto
error-forbidden = Operazione non consentita
error-conflict = Conflitto con dati esistenti
error-invalid = Richiesta non valida
error-too-many = Troppe richieste
error-unavailable = Servizio non disponibile
error-internal = Errore interno
error-csrf = Il modulo è scaduto o proviene da un altro sito. Ricarica la pagina e riprova.
error-too-large = I dati inviati superano la dimensione massima consentita.
error-bad-token = Il token di accesso non è valido, è scaduto o è stato revocato.
error-status = Errore { $status }
error-back-home = Torna alla home
error-help-unauthorized = Per vedere questa pagina devi accedere con il tuo account.
error-help-forbidden = Il tuo account non ha i permessi necessari per questa operazione. Se ritieni che sia un errore, contatta i moderatori della comunità.
error-help-not-found = L'indirizzo potrebbe essere errato, oppure il contenuto è stato spostato, rimosso o non è visibile con il tuo account.
error-help-conflict = I dati sono stati modificati nel frattempo oppure esistono già. Ricarica la pagina e riprova.
error-help-too-many = Sono state inviate troppe richieste in poco tempo. Attendi qualche minuto e riprova.
error-help-unavailable = Il servizio è temporaneamente non disponibile. Riprova tra qualche minuto.
error-help-internal = Si è verificato un errore imprevisto ed è stato registrato. Riprova più tardi.
error-help-invalid = Controlla i dati inseriti e riprova.

## Pagine legali: parti comuni

legal-model-notice = Testo di esempio: l'amministrazione che gestisce la comunità deve completare le parti tra parentesi quadre e verificare il testo prima della pubblicazione.
legal-last-updated = Ultimo aggiornamento: [data].

## Informativa privacy (art. 13 GDPR)

privacy-title = Informativa sul trattamento dei dati personali
privacy-intro = Questa informativa, resa ai sensi dell'articolo 13 del Regolamento (UE) 2016/679 (GDPR), descrive come sono trattati i dati personali di chi visita { $site } e di chi partecipa alla comunità di pratica.
privacy-controller-title = Titolare del trattamento
privacy-controller-text = Il titolare del trattamento è [denominazione dell'amministrazione], con sede in [indirizzo], PEC [indirizzo PEC], e-mail [indirizzo e-mail].
privacy-dpo-title = Responsabile della protezione dei dati
privacy-dpo-text = Il responsabile della protezione dei dati (RPD) designato dal titolare può essere contattato all'indirizzo [e-mail o PEC del RPD].
privacy-data-title = Dati trattati
privacy-data-intro = Sono trattate le seguenti categorie di dati:
privacy-data-account = dati di registrazione: nome utente, nome visualizzato, indirizzo e-mail e password, conservata solo in forma cifrata non reversibile;
privacy-data-profile = dati del profilo inseriti volontariamente, ad esempio ente di appartenenza, ruolo, competenze e breve presentazione;
privacy-data-content = contenuti pubblicati nella comunità (domande, risposte, commenti, documenti) e dati sulla partecipazione alle attività;
privacy-data-technical = dati tecnici: indirizzo IP, data e ora degli accessi e delle operazioni, registrati per la sicurezza del servizio.
privacy-purposes-title = Finalità e base giuridica
privacy-purpose-community = gestione della comunità di pratica, delle iscrizioni e della partecipazione alle attività, per l'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e) del GDPR) [indicare la norma o l'atto che istituisce la comunità];
privacy-purpose-profile = pubblicazione dei dati facoltativi del profilo, sulla base del consenso dell'interessato (art. 6, par. 1, lett. a) del GDPR), che può essere revocato in ogni momento cancellando i dati dal profilo;
privacy-purpose-security = sicurezza del servizio, prevenzione degli abusi e accertamento di eventuali illeciti (art. 6, par. 1, lett. c) ed e) e art. 32 del GDPR);
privacy-purpose-email = invio di comunicazioni di servizio legate all'account, come la conferma dell'indirizzo e-mail e il recupero della password.
privacy-provision-title = Natura del conferimento
privacy-provision-text = Il conferimento dei dati di registrazione è necessario per partecipare alla comunità: senza di essi non è possibile creare l'account. Il conferimento dei dati facoltativi del profilo è libero.
privacy-methods-title = Modalità del trattamento
privacy-methods-text = I dati sono trattati con strumenti informatici, da personale autorizzato e con misure tecniche e organizzative adeguate a garantirne la riservatezza, l'integrità e la disponibilità. Non sono effettuate profilazioni né decisioni basate unicamente su trattamenti automatizzati.
privacy-recipients-title = Destinatari dei dati
privacy-recipients-text = I dati sono trattati dal personale autorizzato del titolare e dai moderatori della comunità, e dal fornitore del servizio di hosting [denominazione del fornitore], designato responsabile del trattamento ai sensi dell'art. 28 del GDPR. Le informazioni del profilo e i contenuti pubblicati sono visibili agli altri membri secondo le regole di visibilità della comunità. I dati non sono diffusi né comunicati a terzi, salvo obblighi di legge.
privacy-transfer-text = I dati sono conservati su server situati nell'Unione europea e non sono trasferiti verso paesi terzi [verificare e, se necessario, indicare le garanzie adottate].
privacy-retention-title = Periodo di conservazione
privacy-retention-text = I dati dell'account sono conservati finché l'iscrizione è attiva e cancellati entro [numero] giorni dalla sua chiusura; i registri tecnici sono conservati per [numero] giorni. I contenuti pubblicati nella comunità possono essere conservati come patrimonio di conoscenza condiviso [indicare se in forma anonima o con il nome dell'autore].
privacy-cookies-title = Cookie
privacy-cookies-text = Il sito usa soltanto cookie tecnici, necessari al suo funzionamento: il cookie di sessione che mantiene l'accesso, quello che ricorda la lingua scelta e quello che protegge i moduli da invii fraudolenti. Non sono usati cookie di profilazione né strumenti di analisi di terze parti, per cui non è richiesto il consenso.
privacy-rights-title = Diritti degli interessati
privacy-rights-text = Puoi chiedere in ogni momento al titolare l'accesso ai tuoi dati, la loro rettifica o cancellazione, la limitazione del trattamento e la portabilità dei dati, e puoi opporti al trattamento (articoli da 15 a 22 del GDPR), scrivendo ai recapiti indicati sopra.
privacy-complaint-text = Se ritieni che il trattamento dei tuoi dati violi il GDPR, puoi proporre reclamo al Garante per la protezione dei dati personali (art. 77 del GDPR):
privacy-complaint-link = sito del Garante per la protezione dei dati personali
privacy-changes-title = Aggiornamenti dell'informativa
privacy-changes-text = Questa informativa può essere aggiornata; la versione in vigore è sempre pubblicata in questa pagina.

## Note legali

legal-title = Note legali
legal-owner-title = Titolarità del sito
legal-owner-text = { $site } è gestito da [denominazione dell'amministrazione], [indirizzo], PEC [indirizzo PEC].
legal-purpose-title = Finalità del sito
legal-purpose-text = Il sito ospita una comunità di pratica: uno spazio di confronto tra persone che lavorano nella pubblica amministrazione e nei soggetti coinvolti nei suoi progetti, per condividere esperienze, buone pratiche e conoscenze. I contenuti hanno finalità informative e di scambio professionale e non sostituiscono gli atti e le comunicazioni ufficiali.
legal-user-content-title = Contenuti pubblicati dai membri
legal-user-content-text = Ogni membro è responsabile dei contenuti che pubblica e si impegna a rispettare la legge, i diritti di terzi e le regole di partecipazione della comunità. Non vanno pubblicati dati personali di altre persone senza un valido motivo, informazioni riservate o contenuti offensivi.
legal-moderation-text = I moderatori possono nascondere o rimuovere i contenuti che violano queste regole e, nei casi più gravi, sospendere l'account. Per segnalare un contenuto scrivi a [indirizzo e-mail della redazione].
legal-copyright-title = Diritto d'autore e licenze
legal-copyright-text = Salvo diversa indicazione, i contenuti pubblicati dal titolare sono rilasciati con licenza Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0), in coerenza con il principio di apertura dei dati pubblici (art. 52 del Codice dell'amministrazione digitale).
legal-copyright-link = Testo della licenza CC BY 4.0
legal-members-licence-text = I contenuti pubblicati dai membri restano dei rispettivi autori, che ne consentono l'uso alla comunità alle condizioni stabilite dalle regole di partecipazione [indicare la licenza adottata, ad esempio CC BY 4.0].
legal-software-title = Software
legal-software-text = Il sito è realizzato con Prassi, software libero distribuito con la Licenza pubblica dell'Unione europea (EUPL) versione 1.2, che altre amministrazioni possono riutilizzare (art. 69 del Codice dell'amministrazione digitale).
legal-software-link = Testo della licenza EUPL 1.2
legal-links-title = Collegamenti ad altri siti
legal-links-text = I collegamenti a siti esterni sono forniti per comodità di consultazione: il titolare non è responsabile dei loro contenuti né del modo in cui trattano i dati personali.
legal-liability-title = Limitazione di responsabilità
legal-liability-text = Il titolare cura l'esattezza e l'aggiornamento delle informazioni che pubblica, ma non può garantire che siano complete e prive di errori. Le opinioni espresse dai membri sono personali e non impegnano né il titolare né le amministrazioni di appartenenza.
legal-related-title = Vedi anche

## Dichiarazione di accessibilità (modello AgID)

a11y-title = Dichiarazione di accessibilità
a11y-intro = L'amministrazione [denominazione] si impegna a rendere il proprio sito web accessibile, conformemente alla legge 9 gennaio 2004, n. 4. La presente dichiarazione di accessibilità si applica a { $site } ([indirizzo del sito]).
a11y-status-title = Stato di conformità
a11y-status-value = Parzialmente conforme
a11y-status-text = Questo sito web è parzialmente conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549, che per i siti web corrispondono ai criteri di successo di livello AA delle WCAG 2.1, in attesa della prima valutazione di conformità.
a11y-noncompliant-title = Contenuti non accessibili
a11y-noncompliant-intro = I contenuti elencati di seguito potrebbero non essere accessibili per i seguenti motivi:
a11y-noncompliant-evaluation = inosservanza della legge 4/2004: la prima valutazione di conformità non è ancora stata completata, quindi il rispetto dei singoli requisiti non è stato verificato in modo sistematico;
a11y-noncompliant-user-content = contenuti pubblicati dai membri (testi, immagini, documenti allegati) che potrebbero non rispettare tutti i requisiti, ad esempio immagini senza testo alternativo o documenti PDF non accessibili;
a11y-noncompliant-third-party = contenuti di terzi non finanziati, non sviluppati e non controllati dal titolare, come i siti esterni raggiungibili tramite collegamenti.
a11y-design-title = Come è stato progettato il sito
a11y-design-intro = Il software Prassi è sviluppato con l'obiettivo di rispettare le WCAG 2.1 di livello AA. In particolare:
a11y-design-keyboard = tutte le funzioni si possono usare da tastiera, con un collegamento per saltare al contenuto e un indicatore del focus ben visibile;
a11y-design-structure = le pagine hanno una struttura semantica, con regioni, titoli in ordine gerarchico e lingua dichiarata;
a11y-design-contrast = i testi hanno un contrasto di almeno 4,5:1 e nessuna informazione è trasmessa soltanto dal colore;
a11y-design-forms = i campi dei moduli hanno etichette esplicite e gli errori sono descritti a parole e annunciati alle tecnologie assistive;
a11y-design-no-js = il sito funziona anche senza JavaScript;
a11y-design-reflow = l'impaginazione si adatta agli schermi piccoli e all'ingrandimento del testo fino al 200% e rispetta la preferenza per il movimento ridotto.
a11y-preparation-title = Redazione della dichiarazione
a11y-preparation-text = La presente dichiarazione è stata redatta il [data] sulla base di un'autovalutazione effettuata direttamente dal soggetto erogatore, secondo il modello di autovalutazione previsto dalle Linee guida AgID sull'accessibilità degli strumenti informatici. La dichiarazione è stata riesaminata l'ultima volta il [data].
a11y-feedback-title = Meccanismo di feedback e recapiti
a11y-feedback-text = Per segnalare casi di mancata conformità ai requisiti di accessibilità, o per chiedere in un formato accessibile informazioni e contenuti esclusi dall'ambito di applicazione della direttiva, scrivi a:
a11y-feedback-response = L'amministrazione risponde entro trenta giorni dal ricevimento della segnalazione.
a11y-procedure-title = Procedura di attuazione
a11y-procedure-text = In caso di risposta insoddisfacente o di mancata risposta, nel termine di trenta giorni, alla notifica o alla richiesta, puoi inoltrare una segnalazione al Difensore civico per il digitale istituito presso l'Agenzia per l'Italia Digitale (articolo 3-quinquies, comma 3, della legge 9 gennaio 2004, n. 4).
a11y-procedure-link = Procedura di attuazione sul sito di AgID
a11y-site-info-title = Informazioni sul sito
a11y-site-info-standard = Requisiti di riferimento
a11y-site-info-standard-value = UNI CEI EN 301549, allegato A; WCAG 2.1 livello AA
a11y-site-info-software = Software utilizzato
a11y-site-info-software-value = Prassi, software libero per comunità di pratica
a11y-site-info-published = Data di pubblicazione del sito
a11y-site-info-published-value = [data]

# Home page module cards
home-module-qa-title = Domande e risposte
home-module-qa-description = Poni un quesito alla comunità: colleghi ed esperti rispondono, la risposta migliore viene accettata e resta a disposizione di tutti.
home-module-forum-title = Forum
home-module-forum-description = Discussioni per tema, per confrontarsi su progetti, strumenti e incontri della comunità.
home-module-wiki-title = Wiki
home-module-wiki-description = Le pagine scritte insieme dalla comunità: definizioni, guide e buone pratiche, collegate tra loro e sempre migliorabili.
home-module-members-title = Membri
home-module-members-description = Trova chi lavora sui tuoi stessi temi, per competenza e organizzazione.
