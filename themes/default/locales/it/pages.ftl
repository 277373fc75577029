## Pagine del sito: informativa privacy, note legali, dichiarazione di accessibilità e modulo
## di segnalazione. I dati dell'amministrazione vengono dalle impostazioni della pagina
## Amministrazione; quando mancano si mostra una frase neutra, mai un segnaposto.

## Parti comuni

legal-incomplete-notice = Alcune informazioni di questa pagina, come la denominazione dell'amministrazione che gestisce il sito e i suoi recapiti, non sono ancora state indicate dagli amministratori.
legal-last-updated = Ultimo aggiornamento: { $date }.
legal-contacts-label = Recapiti
legal-contact-address = Sede: { $address }
legal-contact-pec = PEC:
legal-contact-email = E-mail:

## Informativa privacy (art. 13 GDPR)

privacy-title = Informativa sul trattamento dei dati personali
privacy-intro = Questa informativa, resa ai sensi dell'articolo 13 del Regolamento (UE) 2016/679 (GDPR), descrive come sono trattati i dati personali di chi visita { $site } e di chi partecipa alla comunità di pratica.
privacy-controller-title = Titolare del trattamento
privacy-controller-text = Il titolare del trattamento è { $name }.
privacy-controller-unset = Il titolare del trattamento è l'amministrazione che gestisce la comunità di pratica; la sua denominazione e i suoi recapiti non sono ancora stati pubblicati in questa pagina.
privacy-dpo-title = Responsabile della protezione dei dati
privacy-dpo-text = Il responsabile della protezione dei dati (RPD) designato dal titolare può essere contattato all'indirizzo:
privacy-dpo-unset = Il responsabile della protezione dei dati (RPD) designato dal titolare può essere contattato tramite i recapiti del titolare.
privacy-data-title = Dati trattati
privacy-data-intro = Sono trattate le seguenti categorie di dati:
privacy-data-account = dati di registrazione: nome utente, nome visualizzato, indirizzo e-mail e password, conservata solo in forma cifrata non reversibile;
privacy-data-profile = dati del profilo inseriti volontariamente, ad esempio ente di appartenenza, ruolo, competenze e breve presentazione;
privacy-data-content = contenuti pubblicati nella comunità (domande, risposte, commenti, pagine) e dati sulla partecipazione alle attività;
privacy-data-reports = segnalazioni sull'accessibilità inviate con l'apposito modulo: la pagina interessata, la descrizione del problema e, se lo indichi, l'indirizzo e-mail per la risposta; dell'indirizzo IP di chi invia è conservata soltanto un'impronta (hash), usata per limitare gli invii ripetuti;
privacy-data-technical = dati tecnici: indirizzo IP, data e ora degli accessi e delle operazioni, registrati per la sicurezza del servizio.
privacy-purposes-title = Finalità e base giuridica
privacy-purpose-community = Gestione della comunità di pratica, delle iscrizioni e della partecipazione alle attività, per l'esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e) del GDPR).
privacy-purpose-basis = La comunità opera sulla base di: { $basis }.
privacy-purpose-profile = Pubblicazione dei dati facoltativi del profilo, sulla base del consenso dell'interessato (art. 6, par. 1, lett. a) del GDPR), che può essere revocato in ogni momento cancellando i dati dal profilo.
privacy-purpose-security = Sicurezza del servizio, prevenzione degli abusi e accertamento di eventuali illeciti (art. 6, par. 1, lett. c) ed e) e art. 32 del GDPR).
privacy-purpose-email = Invio di comunicazioni di servizio legate all'account, come la conferma dell'indirizzo e-mail e il recupero della password.
privacy-purpose-reports = Gestione delle segnalazioni sull'accessibilità e risposta a chi le invia, per adempiere a un obbligo di legge (art. 6, par. 1, lett. c) del GDPR; legge 9 gennaio 2004, n. 4).
privacy-provision-title = Natura del conferimento
privacy-provision-text = Il conferimento dei dati di registrazione è necessario per partecipare alla comunità: senza di essi non è possibile creare l'account. Il conferimento dei dati facoltativi del profilo è libero.
privacy-methods-title = Modalità del trattamento
privacy-methods-text = I dati sono trattati con strumenti informatici, da personale autorizzato e con misure tecniche e organizzative adeguate a garantirne la riservatezza, l'integrità e la disponibilità. Non sono effettuate profilazioni né decisioni basate unicamente su trattamenti automatizzati.
privacy-recipients-title = Destinatari dei dati
privacy-recipients-hosting = I dati sono trattati dal personale autorizzato del titolare, dai moderatori della comunità e dal fornitore del servizio di hosting, { $provider }, designato responsabile del trattamento ai sensi dell'art. 28 del GDPR.
privacy-recipients-hosting-unset = I dati sono trattati dal personale autorizzato del titolare, dai moderatori della comunità e dai fornitori dei servizi tecnici, come l'hosting, designati responsabili del trattamento ai sensi dell'art. 28 del GDPR.
privacy-recipients-text = Le informazioni del profilo e i contenuti pubblicati sono visibili agli altri membri secondo le regole di visibilità della comunità. I dati non sono diffusi né comunicati a terzi, salvo obblighi di legge.
privacy-transfer-text = Eventuali trasferimenti di dati verso paesi al di fuori dell'Unione europea avvengono soltanto con le garanzie previste dal capo V del GDPR.
privacy-retention-title = Periodo di conservazione
privacy-retention-text = I dati dell'account sono conservati finché l'iscrizione è attiva e, dopo la sua chiusura, per il tempo stabilito dal titolare nel rispetto degli obblighi di legge. La piattaforma cancella da sola le sessioni scadute e, dopo un giorno, i registri dei tentativi di accesso. Le segnalazioni sull'accessibilità sono conservate per il tempo necessario a gestirle. I contenuti pubblicati nella comunità possono essere conservati come patrimonio di conoscenza condiviso.
privacy-cookies-title = Cookie
privacy-cookies-intro = Il sito usa soltanto i due cookie tecnici elencati qui sotto, necessari al suo funzionamento. Non usa cookie di profilazione, né strumenti di analisi o altri cookie di terze parti, per cui non è richiesto il consenso (art. 122 del Codice in materia di protezione dei dati personali).
privacy-cookies-purpose = A cosa serve
privacy-cookies-duration = Durata
privacy-cookie-session-purpose = Cookie di sessione. Contiene soltanto un codice casuale, cifrato, che collega il browser alla sessione conservata sul server: mantiene l'accesso e permette di verificare che i moduli inviati provengano da questo sito (il codice di verifica dei moduli è conservato sul server, nella sessione, e non in un cookie a parte). È impostato quando accedi o quando apri una pagina con un modulo, anche senza accedere. Non è leggibile dagli script della pagina.
privacy-cookie-session-duration = 14 giorni dall'ultima modifica della sessione; è eliminato quando esci.
privacy-cookie-lang-purpose = Ricorda la lingua scelta con il selettore in alto nella pagina (contiene soltanto «it» o «en»). È impostato solo se scegli una lingua.
privacy-cookie-lang-duration = Un anno.
privacy-cookies-external = Mentre leggi la piattaforma il tuo browser non contatta altri siti: le immagini che i membri collegano da altri siti sono mostrate come semplici link, e solo un link che scegli di seguire ti porta altrove.
privacy-rights-title = Diritti degli interessati
privacy-rights-text = Puoi chiedere in ogni momento al titolare l'accesso ai tuoi dati, la loro rettifica o cancellazione, la limitazione del trattamento e la portabilità dei dati, e puoi opporti al trattamento (articoli da 15 a 22 del GDPR), scrivendo ai recapiti del titolare.
privacy-complaint-text = Se ritieni che il trattamento dei tuoi dati violi il GDPR, puoi proporre reclamo al Garante per la protezione dei dati personali (art. 77 del GDPR):
privacy-complaint-link = sito del Garante per la protezione dei dati personali
privacy-changes-title = Aggiornamenti dell'informativa
privacy-changes-text = Questa informativa può essere aggiornata; la versione in vigore è sempre pubblicata in questa pagina.

## Note legali

legal-title = Note legali
legal-owner-title = Titolarità del sito
legal-owner-text = { $site } è gestito da { $name }.
legal-owner-unset = { $site } è gestito dall'amministrazione che promuove la comunità di pratica.
legal-purpose-title = Finalità del sito
legal-purpose-text = Il sito ospita una comunità di pratica: uno spazio di confronto tra persone che lavorano nella pubblica amministrazione e nei soggetti coinvolti nei suoi progetti, per condividere esperienze, buone pratiche e conoscenze. I contenuti hanno finalità informative e di scambio professionale e non sostituiscono gli atti e le comunicazioni ufficiali.
legal-user-content-title = Contenuti pubblicati dai membri
legal-user-content-text = Ogni membro è responsabile dei contenuti che pubblica e si impegna a rispettare la legge, i diritti di terzi e le regole di partecipazione della comunità. Non vanno pubblicati dati personali di altre persone senza un valido motivo, informazioni riservate o contenuti offensivi.
legal-moderation-text = I moderatori possono nascondere o rimuovere i contenuti che violano queste regole e, nei casi più gravi, sospendere l'account.
legal-report-email = Per segnalare un contenuto scrivi a:
legal-report-unset = Per segnalare un contenuto rivolgiti ai moderatori della comunità.
legal-copyright-title = Diritto d'autore e licenze
legal-copyright-text = Salvo diversa indicazione, i contenuti pubblicati dal titolare sono rilasciati con licenza Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0), in coerenza con il principio di apertura dei dati pubblici (art. 52 del Codice dell'amministrazione digitale).
legal-copyright-link = Testo della licenza CC BY 4.0
legal-members-licence-text = I contenuti pubblicati dai membri restano dei rispettivi autori, che ne consentono l'uso alla comunità alle condizioni stabilite dalle regole di partecipazione.
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
a11y-intro = { $name } si impegna a rendere il proprio sito web accessibile, conformemente alla legge 9 gennaio 2004, n. 4. La presente dichiarazione di accessibilità si applica a { $site } ({ $url }).
a11y-intro-unset = L'amministrazione che gestisce { $site } si impegna a rendere il proprio sito web accessibile, conformemente alla legge 9 gennaio 2004, n. 4. La presente dichiarazione di accessibilità si applica a { $site } ({ $url }).
a11y-official-text = La dichiarazione ufficiale, compilata con la procedura dell'Agenzia per l'Italia Digitale, è pubblicata sul sito di AgID:
a11y-official-link = dichiarazione di accessibilità su form.agid.gov.it
a11y-status-title = Stato di conformità
a11y-status-compliant = Conforme
a11y-status-partial = Parzialmente conforme
a11y-status-non_compliant = Non conforme
a11y-status-text-compliant = Questo sito web è conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549, che per i siti web corrispondono ai criteri di successo di livello AA delle WCAG 2.1.
a11y-status-text-partial = Questo sito web è parzialmente conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549, che per i siti web corrispondono ai criteri di successo di livello AA delle WCAG 2.1, a causa dei casi di non conformità elencati di seguito.
a11y-status-text-non_compliant = Questo sito web non è conforme ai requisiti previsti dall'allegato A alla norma UNI CEI EN 301549, che per i siti web corrispondono ai criteri di successo di livello AA delle WCAG 2.1. I casi di non conformità sono elencati di seguito.
a11y-status-pending = La prima valutazione di conformità non è ancora stata completata.
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
a11y-preparation-drafted = La presente dichiarazione è stata redatta il { $date }.
a11y-preparation-self = La valutazione è un'autovalutazione effettuata direttamente dal soggetto erogatore, secondo il modello previsto dalle Linee guida AgID sull'accessibilità degli strumenti informatici.
a11y-preparation-third_party = La valutazione è stata effettuata da terzi, secondo le Linee guida AgID sull'accessibilità degli strumenti informatici.
a11y-preparation-reviewed = La dichiarazione è stata riesaminata l'ultima volta il { $date }.
a11y-preparation-unset = La data di redazione sarà indicata qui al termine della prima valutazione di conformità.
a11y-feedback-title = Meccanismo di feedback e recapiti
a11y-feedback-text = Per segnalare casi di mancata conformità ai requisiti di accessibilità, o per chiedere in un formato accessibile informazioni e contenuti esclusi dall'ambito di applicazione della direttiva, usa il modulo di segnalazione:
a11y-feedback-link = Segnala un problema di accessibilità
a11y-feedback-email = Puoi anche scrivere a:
a11y-feedback-response = L'amministrazione risponde entro trenta giorni dal ricevimento della segnalazione.
a11y-procedure-title = Procedura di attuazione
a11y-procedure-text = In caso di risposta insoddisfacente o di mancata risposta, nel termine di trenta giorni, alla notifica o alla richiesta, puoi inoltrare una segnalazione al Difensore civico per il digitale istituito presso l'Agenzia per l'Italia Digitale (articolo 3-quinquies, comma 3, della legge 9 gennaio 2004, n. 4), con il modulo pubblicato sul sito di AgID:
a11y-procedure-link = Procedura di attuazione su form.agid.gov.it
a11y-site-info-title = Informazioni sul sito
a11y-site-info-owner = Amministrazione
a11y-site-info-standard = Requisiti di riferimento
a11y-site-info-standard-value = UNI CEI EN 301549, allegato A; WCAG 2.1 livello AA
a11y-site-info-software = Software utilizzato
a11y-site-info-software-value = Prassi, software libero per comunità di pratica
a11y-site-info-published = Data di pubblicazione del sito

## Modulo di segnalazione sull'accessibilità

a11y-report-title = Segnala un problema di accessibilità
a11y-report-intro = Hai trovato una pagina o una funzione che non riesci a usare, ad esempio con la tastiera, con un lettore di schermo o ingrandendo il testo? Descrivi il problema: la segnalazione arriva agli amministratori del sito. Non serve avere un account.
a11y-report-field-page = Indirizzo della pagina
a11y-report-field-page-help = L'indirizzo della pagina con il problema, ad esempio /forum oppure l'indirizzo completo copiato dal browser.
a11y-report-field-description = Descrizione del problema
a11y-report-field-description-help = Che cosa stavi cercando di fare, che cosa non ha funzionato e, se vuoi, quali strumenti usi (browser, lettore di schermo, ingrandimento). Almeno 10 caratteri.
a11y-report-field-email = E-mail per la risposta
a11y-report-field-email-help = Facoltativa: indicala se vuoi ricevere una risposta.
a11y-report-submit = Invia la segnalazione
a11y-report-privacy = I dati inviati sono trattati come descritto nell'informativa sulla privacy.
a11y-report-sent-title = Segnalazione inviata
a11y-report-sent-text = Grazie: la segnalazione è stata registrata e sarà esaminata dagli amministratori del sito.
a11y-report-sent-response = Se hai indicato un indirizzo e-mail, l'amministrazione ti risponde entro trenta giorni. In caso di risposta insoddisfacente o di mancata risposta puoi rivolgerti al Difensore civico per il digitale, come descritto nella dichiarazione di accessibilità.
a11y-report-sent-back = Torna alla dichiarazione di accessibilità
a11y-report-url-invalid = Indica l'indirizzo della pagina: un percorso che inizia con / oppure un indirizzo che inizia con https://.
a11y-report-description-too-short = Descrivi il problema con almeno 10 caratteri.
a11y-report-throttled = Da questa connessione sono state inviate troppe segnalazioni nell'ultima ora. Riprova più tardi.
a11y-report-mail-subject = Nuova segnalazione di accessibilità
a11y-report-mail-body = È arrivata una nuova segnalazione dal modulo della dichiarazione di accessibilità. La legge prevede una risposta entro trenta giorni.
a11y-report-mail-no-contact = non indicata
footer-a11y-report = Segnala un problema di accessibilità

## Layout: il menu principale sugli schermi stretti

nav-menu-toggle = Menu
