# Gruppi di lavoro (prassi-groups). Sezioni: gruppi e iscrizione in alto; documenti e
# contenuti/pubblicazione seguono in fondo.

## Sezione, home e profilo
nav-groups = Gruppi
groups-section = Gruppi di lavoro
groups-intro = Aree riservate dove enti e persone della comunità lavorano insieme su un progetto o un tema: discussioni, pagine, domande e documenti del gruppo.
home-module-groups-title = Gruppi di lavoro
home-module-groups-description = Aree riservate per progetti, laboratori e tavoli: partecipa, chiedi di entrare o crea un gruppo.
home-groups-title = I tuoi gruppi
home-groups-public-title = Gruppi aperti
home-groups-empty = Non fai ancora parte di nessun gruppo.
home-groups-all = Tutti i gruppi
home-groups-invitations = { $count ->
    [one] Hai un invito a un gruppo
   *[other] Hai { $count } inviti a gruppi
}
groups-activity-member-of = Membro di
admin-group-creators = Gruppi di lavoro
admin-group-creators-label = Chi può creare gruppi di lavoro
admin-group-creators-admins = Solo gli amministratori
admin-group-creators-members = Tutti i membri della comunità
admin-group-creators-invalid = Scegli chi può creare gruppi.

## Elenco
groups-tab-all = Tutti i gruppi
groups-tab-mine = I miei gruppi
groups-tabs-label = Quali gruppi mostrare
groups-empty = Nessun gruppo da mostrare.
groups-mine-empty = Non fai ancora parte di nessun gruppo.
groups-new-link = Crea un gruppo
groups-invitations-link = I miei inviti
groups-members-count = { $count ->
    [one] { $count } membro
   *[other] { $count } membri
}
groups-my-role = Il tuo ruolo: { $role }

## Impostazioni del gruppo
groups-visibility-public = Pubblico
groups-visibility-listed = Visibile ai membri della comunità
groups-visibility-secret = Segreto
groups-visibility-public-help = Chi può leggere i contenuti pubblici vede il gruppo e i suoi contenuti.
groups-visibility-listed-help = I membri della comunità vedono nome e descrizione; i contenuti sono solo per i membri del gruppo.
groups-visibility-secret-help = Solo i membri del gruppo e gli amministratori sanno che esiste.
groups-join-policy-open = Aperto: si entra subito
groups-join-policy-request = Su richiesta, con un messaggio
groups-join-policy-invitation = Solo su invito
groups-role-coordinator = Coordinatore
groups-role-member = Membro
groups-new-title = Nuovo gruppo di lavoro
groups-settings-title = Impostazioni del gruppo
groups-settings-link = Impostazioni
groups-field-name = Nome del gruppo
groups-field-slug = Indirizzo
groups-field-slug-help = Lettere minuscole, cifre e trattini; se lo lasci vuoto viene ricavato dal nome.
groups-field-description = Descrizione
groups-field-description-help = Di cosa si occupa il gruppo, chi può entrare e come lavora. Puoi usare Markdown.
groups-field-organisations = Enti promotori
groups-field-organisations-help = Nomi di enti già presenti nella comunità, separati da virgole (facoltativo).
groups-field-visibility = Visibilità
groups-field-join-policy = Come si entra
groups-new-submit = Crea il gruppo
groups-settings-submit = Salva le impostazioni

## Pagina del gruppo
groups-organisations = Enti
groups-visibility-label = Visibilità
groups-join-policy-label = Ingresso
groups-members-title = Membri
groups-members-all = Tutti i membri
groups-members-hidden = L'elenco dei membri è visibile solo a chi fa parte del gruppo.
groups-you-coordinate = Coordini questo gruppo.
groups-you-are-member = Fai parte di questo gruppo.
groups-join-submit = Entra nel gruppo
groups-leave-submit = Lascia il gruppo
groups-request-title = Chiedi di entrare
groups-field-message = Messaggio ai coordinatori
groups-field-message-help = Presentati e spiega perché vuoi entrare.
groups-request-submit = Invia la richiesta
groups-request-status-pending = La tua richiesta di entrare è in attesa di risposta dai coordinatori.
groups-request-status-refused = La tua richiesta di entrare non è stata accolta.
groups-request-status-accepted = La tua richiesta è stata accolta.
groups-request-status-withdrawn = Hai ritirato la tua richiesta di entrare.
groups-request-withdraw-submit = Ritira la richiesta
groups-request-withdrawn = Richiesta ritirata.
groups-request-not-pending = Non hai richieste in attesa per questo gruppo.
groups-you-are-not-a-member = Non fai parte di questo gruppo.
groups-request-reason = Motivazione: { $reason }
groups-invitation-title = Sei stato invitato in questo gruppo
groups-invitation-accept = Accetta l'invito
groups-invitation-decline = Rifiuta l'invito
groups-by-invitation = Si entra in questo gruppo solo su invito dei coordinatori.
groups-sign-in-to-join = Accedi per entrare nel gruppo.
groups-coordination = Coordinamento
groups-requests-link = Richieste di ingresso
groups-log-link = Registro del gruppo
groups-members-manage-link = Gestisci i membri

## Membri, inviti, richieste, registro
groups-members-page-title = Membri di { $group }
groups-member-joined = Dal { $date }
groups-invite-title = Invita un membro
groups-field-username = Nome utente
groups-field-username-help = Il nome utente del membro della comunità da invitare.
groups-invite-submit = Invia l'invito
groups-field-role = Ruolo di { $name }
groups-role-submit = Cambia ruolo
groups-remove-submit = Rimuovi { $name }
groups-requests-title = Richieste di ingresso a { $group }
groups-requests-empty = Nessuna richiesta in attesa.
groups-request-from = Richiesta di { $name }
groups-field-decision = Decisione
groups-decision-accept = Accetta
groups-decision-refuse = Rifiuta
groups-field-reason = Motivazione (la vede chi ha chiesto)
groups-decide-submit = Conferma
groups-log-title = Registro di { $group }
groups-log-empty = Nessuna voce nel registro.
groups-log-when = Quando
groups-log-who = Chi
groups-log-what = Cosa
groups-log-action = { $action ->
    [created] ha creato il gruppo
    [settings_changed] ha cambiato le impostazioni
    [joined] è entrato nel gruppo
    [left] ha lasciato il gruppo
    [removed] ha rimosso un membro
    [role_changed] ha cambiato il ruolo di un membro
    [requested] ha chiesto di entrare
    [request_accepted] ha accolto una richiesta
    [request_refused] ha respinto una richiesta
    [request_withdrawn] ha ritirato la richiesta di entrare
    [document_uploaded] ha caricato un documento
    [document_version_added] ha caricato una nuova versione di un documento
    [document_deleted] ha eliminato un documento
    [document_version_deleted] ha eliminato una versione di un documento
    [publication_proposed] ha proposto una pagina per la pubblicazione
    [publication_approved] ha approvato la pubblicazione di una pagina
    [publication_refused] ha respinto la pubblicazione di una pagina
    [invited] ha invitato un membro
    [invitation_accepted] ha accettato l'invito
    [invitation_declined] ha rifiutato l'invito
   *[other] { $action }
}
groups-log-subject = Riguarda
groups-invitations-title = I miei inviti ai gruppi
groups-invitations-empty = Non hai inviti in attesa.
groups-invited-by = Invito di { $name }

## Esiti e errori
groups-created = Gruppo creato: ne sei il primo coordinatore.
groups-settings-saved = Impostazioni salvate.
groups-joined = Sei entrato nel gruppo.
groups-left = Hai lasciato il gruppo.
groups-requested = Richiesta inviata ai coordinatori.
groups-invited = Invito inviato.
groups-invitation-accepted = Benvenuto nel gruppo.
groups-invitation-declined = Invito rifiutato.
groups-role-changed = Ruolo cambiato.
groups-member-removed = Membro rimosso.
groups-request-accepted = Richiesta accolta: il nuovo membro è nel gruppo.
groups-request-refused = Richiesta respinta.
groups-create-forbidden = Solo gli amministratori possono creare gruppi di lavoro.
groups-slug-invalid = L'indirizzo può contenere solo lettere minuscole, cifre e trattini.
groups-slug-taken = Esiste già un gruppo con questo indirizzo: scegli un altro nome o indirizzo.
groups-visibility-invalid = Scegli la visibilità del gruppo.
groups-join-policy-invalid = Scegli come si entra nel gruppo.
groups-unknown-organisation = Uno o più enti non sono presenti nella comunità.
groups-unknown-member = Nessun membro della comunità ha questo nome utente.
groups-not-a-member = Questa persona non fa parte del gruppo.
groups-already-member = Questa persona fa già parte del gruppo.
groups-already-invited = Questa persona ha già un invito in attesa.
groups-last-coordinator = Il gruppo deve avere almeno un coordinatore: nomina prima un altro coordinatore.
groups-join-by-request = In questo gruppo si entra su richiesta.
groups-join-by-invitation = In questo gruppo si entra solo su invito.
groups-join-open = Questo gruppo è aperto: puoi entrare subito.
groups-request-pending = Hai già una richiesta in attesa per questo gruppo.
groups-request-decided = Un altro coordinatore ha già deciso su questa richiesta.
groups-decision-invalid = Scegli se accettare o respingere la richiesta.
groups-role-invalid = Scegli un ruolo.
groups-invitation-answered = Hai già risposto a questo invito.

## Content and publication
groups-content-section = Gruppi di lavoro
groups-content-in-group = Nel gruppo
groups-content-audience-note = Lo vedranno solo le persone che possono leggere i contenuti del gruppo: i suoi membri, oppure tutti se il gruppo è pubblico.
groups-content-question-title = Nuova domanda nel gruppo
groups-content-page-title = Nuova pagina del gruppo
groups-content-discussion-title = Nuova discussione nel gruppo
groups-activity-title = Attività del gruppo
groups-activity-kind-question = Domanda
groups-activity-kind-discussion = Discussione
groups-activity-kind-page = Pagina
groups-activity-kind-event = Evento
groups-events-link = Eventi del gruppo
groups-new-event-link = Nuovo evento del gruppo
groups-activity-empty = Il gruppo non ha ancora domande, discussioni o pagine.
groups-activity-pages = Pagine dell'attività
groups-activity-newest = Più recenti
groups-activity-older = Meno recenti
groups-search-in-group = Cerca nel gruppo
groups-publications-title = Pubblicazioni
groups-publications-intro = Una pagina del gruppo può diventare conoscenza pubblica: proponila, e una persona della moderazione la approverà o ti spiegherà perché no. La pagina pubblica cita il gruppo e chi l'ha scritta, e conserva la cronologia.
groups-publications-list = Proposte del gruppo
groups-publications-empty = Il gruppo non ha ancora proposto pagine.
groups-publication-propose-title = Proponi una pagina
groups-publication-field-page = Pagina del gruppo
groups-publication-field-page-help = Sarà proposta com'è ora, alla revisione attuale.
groups-publication-propose-submit = Proponi per la pubblicazione
groups-publication-no-pages = Il gruppo non ha ancora pagine da proporre.
groups-publication-revision = revisione { $revision }
groups-publication-proposed-by = proposta da { $name }
groups-publication-status-pending = in attesa
groups-publication-status-approved = approvata
groups-publication-status-refused = respinta
groups-publication-reason = Motivo
groups-publication-public-page = Vai alla pagina pubblica
groups-publication-queue-title = Pubblicazioni da decidere
groups-publication-queue-intro = Pagine che i gruppi di lavoro propongono di pubblicare. Approvandole, diventano pagine pubbliche del wiki con i crediti del gruppo e di chi le ha scritte; respingendole, spiega al gruppo il motivo.
groups-publication-queue-empty = Nessuna proposta in attesa.
groups-publication-show-text = Testo proposto
groups-publication-decision = Decisione
groups-publication-approve = Approva e pubblica
groups-publication-refuse = Respingi
groups-publication-field-reason = Motivo
groups-publication-field-reason-help = Necessario per respingere: il gruppo lo leggerà.
groups-publication-decide-submit = Conferma la decisione
groups-publication-proposed = Pagina proposta per la pubblicazione.
groups-publication-approved = Proposta approvata: la pagina pubblica è stata scritta.
groups-publication-refused = Proposta respinta; il gruppo vedrà il motivo.
groups-publication-page-required = Scegli una pagina del gruppo.
groups-publication-page-unknown = Questa pagina non è del gruppo.
groups-publication-pending = Questa pagina è già in attesa di una decisione.
groups-publication-decided = Qualcun altro ha già deciso su questa proposta.
groups-publication-decision-invalid = Scegli se approvare o respingere la proposta.
groups-publication-reason-required = Scrivi il motivo per cui la proposta è respinta.
groups-publication-title-taken = Esiste già una pagina pubblica con questo titolo: rinominala prima di approvare.

## Documents
documents-title = Documenti
documents-lead = L'archivio dei documenti del gruppo
documents-upload = Carica un documento
documents-upload-submit = Carica
documents-quota = Spazio occupato dal gruppo
documents-folders = Cartelle
documents-folder = Cartella
documents-folder-all = Tutti i documenti
documents-folder-none = Senza cartella
documents-field-title = Titolo
documents-field-description = Descrizione
documents-field-description-help = Facoltativa. Puoi usare Markdown.
documents-field-folder-help = Facoltativa: il nome di una cartella in cui raccogliere il documento, per esempio «Verbali».
documents-file = File
documents-file-help = PDF, documenti OpenDocument (odt, ods, odp) o Office (docx, xlsx, pptx), immagini PNG, JPEG, GIF o WebP, file CSV o di testo. Il tipo è riconosciuto dal contenuto.
documents-types-help = I file sono controllati dal contenuto: sono accettati PDF, OpenDocument, Office, immagini, CSV e testo; HTML e SVG non sono accettati.
documents-max-size = Dimensione massima
documents-updated = Aggiornato
documents-version = Versione
documents-version-short = v
documents-versions = Versioni
documents-current = attuale
documents-uploaded-by = Caricato da
documents-actions = Azioni
documents-empty = Il gruppo non ha ancora documenti.
documents-new-version = Carica una nuova versione
documents-new-version-submit = Carica la nuova versione
documents-delete = Elimina il documento
documents-delete-version = Elimina la versione
documents-uploaded = Documento caricato.
documents-version-added = Nuova versione caricata; le precedenti restano scaricabili.
documents-deleted = Documento eliminato.
documents-version-deleted = Versione eliminata.
documents-file-required = Scegli un file da caricare.
documents-file-empty = Il file è vuoto.
documents-file-too-large = Il file supera la dimensione massima consentita.
documents-file-name-invalid = Il nome del file non è utilizzabile: rinominalo e riprova.
documents-type-not-allowed = Questo tipo di file non è accettato: carica un PDF, un documento OpenDocument o Office, un'immagine PNG, JPEG, GIF o WebP, oppure un file .csv o .txt.
documents-type-markup = I file HTML, SVG e XML non sono accettati.
documents-type-text-invalid = Un file di testo deve essere in UTF-8 e non contenere caratteri nulli.
documents-type-macros = I documenti con macro non sono accettati: salvalo senza macro (docx, xlsx, pptx).
documents-upload-malformed = Il caricamento non è arrivato completo: riprova.
documents-folder-invalid = Il nome della cartella non può contenere «/» o «\».

## The group's area (header links)
groups-area = Area del gruppo
groups-activity-link = Attività
groups-documents-link = Documenti
groups-search-link = Cerca nel gruppo
groups-new-question-link = Nuova domanda
groups-new-page-link = Nuova pagina
groups-new-discussion-link = Nuova discussione
groups-publications-link = Proposte di pubblicazione
groups-visibility-locked = Il gruppo ha già contenuti: un gruppo pubblico resta pubblico e un gruppo riservato o segreto non può diventare pubblico (riservato e segreto possono scambiarsi).
home-groups-activity = Ultime novità nei tuoi gruppi
