### Prassi — messaggi comuni del tema (layout, pagina iniziale, errori). Le pagine legali e
### la dichiarazione di accessibilità sono in pages.ftl.
### L'italiano è la lingua di riferimento: ogni chiave qui ha una gemella in en/main.ftl.

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
nav-notifications = Notifiche
nav-notifications-unread = non lette
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
form-choose = Scegli…
item-group-label = Gruppo di lavoro:
form-error-title-prefix = Errore:
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


# Home page module cards
home-module-qa-title = Domande e risposte
home-module-qa-description = Poni un quesito alla comunità: colleghi ed esperti rispondono, la risposta migliore viene accettata e resta a disposizione di tutti.
home-module-forum-title = Forum
home-module-forum-description = Discussioni per tema, per confrontarsi su progetti, strumenti e incontri della comunità.
home-module-wiki-title = Wiki
home-module-wiki-description = Le pagine scritte insieme dalla comunità: definizioni, guide e buone pratiche, collegate tra loro e sempre migliorabili.
home-module-members-title = Membri
home-module-members-description = Trova chi lavora sui tuoi stessi temi, per competenza e organizzazione.

## Language of user content
field-content-lang = Lingua del testo
field-content-lang-help = La lingua in cui è scritto il contenuto: i lettori di schermo la usano per la pronuncia.
content-lang-invalid = Scegli una delle lingue proposte.
markdown-image-alt-missing = Ogni immagine ha bisogno di un testo alternativo che la descriva, per chi non la vede: scrivi ![descrizione](indirizzo).
home-blocks-title = Novità nella comunità

## Home page: how to join, for visitors without an account
home-join-title = Come partecipare
home-join-step-1-request = Chiedi l'accesso con l'indirizzo email del tuo ente: se l'ente partecipa alla comunità e il suo dominio è abilitato, l'account è attivo appena confermi l'indirizzo.
home-join-step-1-approval = Altrimenti la richiesta arriva ai moderatori, che verificano la partecipazione del tuo ente alle attività e ti rispondono per email.
home-join-step-2-request = Compila la richiesta di adesione indicando ente, ruolo e motivazione: possono aderire amministrazioni, università, centri di ricerca, altri enti ed esperti.
home-join-step-2-approval = I moderatori valutano ogni richiesta e ti rispondono per email.
home-join-step-3-request = Registrati con il tuo indirizzo email e conferma l'indirizzo.
home-join-step-3-approval = Da quel momento puoi fare domande e rispondere nel forum aperto; per gli spazi riservati ai membri puoi chiedere l'adesione.
home-join-step-profile = Completa il profilo con le tue aree di competenza: in home vedrai le domande che aspettano proprio te.
