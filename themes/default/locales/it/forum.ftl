# Forum: categorie, discussioni, messaggi, menzioni, moderazione.
# Ogni chiave ha il prefisso forum- e una gemella in en/forum.ftl.
# La cronologia riusa le chiavi qa-diff-* e qa-revision-* di qa.ftl.

## Sezione, elenco delle categorie e delle discussioni (forum/index.html, forum/macros.html)

forum-section = Forum
forum-intro = Il forum è lo strumento principale della comunità: uno spazio d'interazione per alimentare la discussione. Scegli una categoria per leggere le discussioni o aprirne una nuova.
forum-mentions-link = Le mie menzioni
forum-manage-categories-link = Gestisci le categorie
forum-categories-title = Categorie
forum-categories-empty = Non ci sono ancora categorie.
forum-categories-empty-admin = Crea la prima categoria
forum-members-only-badge = solo membri
forum-group-only-badge = solo gruppo
forum-discussions-title = Discussioni
forum-tabs-label = Filtra le discussioni
forum-list-empty = Non ci sono ancora discussioni: scegli una categoria e apri la prima.
forum-list-empty-unread = Non ci sono discussioni con messaggi da leggere.
forum-pinned-badge = in evidenza
forum-locked-badge = chiusa
forum-unread-badge = da leggere
forum-started-by = Aperta da
forum-in-category = nella categoria
forum-last-post = ultimo messaggio

## Conteggi

forum-discussions-count =
    { $count ->
        [0] Nessuna discussione
        [one] { $count } discussione
       *[other] { $count } discussioni
    }
forum-replies-count =
    { $count ->
        [0] nessuna risposta
        [one] { $count } risposta
       *[other] { $count } risposte
    }
forum-posts-count =
    { $count ->
        [one] { $count } messaggio
       *[other] { $count } messaggi
    }
forum-mentions-count =
    { $count ->
        [0] Nessuna menzione.
        [one] Una menzione.
       *[other] { $count } menzioni.
    }

## Categoria (forum/category.html)

forum-start-button = Apri una discussione
forum-category-members-note = Le discussioni di questa categoria sono visibili solo ai membri della comunità.
forum-category-group-note = Le discussioni di questa categoria sono visibili solo ai membri di un gruppo.
forum-category-empty = Non ci sono ancora discussioni in questa categoria.

## Nuova discussione (forum/new.html)

forum-new-title = Apri una discussione
forum-new-in-category = Nella categoria:
forum-new-intro = Dai alla discussione un titolo chiaro e spiega nel primo messaggio il tema, il contesto e che cosa chiedi alla comunità.
forum-field-title = Titolo
forum-field-title-help = Da 5 a 150 caratteri.
forum-field-body = Messaggio
forum-field-body-help = Puoi usare Markdown: **grassetto**, *corsivo*, elenchi e collegamenti.
forum-mention-help = Scrivi @nomeutente per citare un membro: riceverà una notifica.
forum-new-submit = Pubblica la discussione

## Discussione e messaggi (forum/discussion.html)

forum-locked-notice = La discussione è chiusa: non si possono aggiungere risposte.
forum-locked-moderator-note = Come moderatore puoi comunque rispondere.
forum-post-title = Messaggio n. { $number }
forum-edited = modificato
forum-in-reply-to = in risposta al messaggio n. { $number }
forum-post-actions-label = Azioni sul messaggio n. { $number }
forum-edit-link = Modifica
forum-history-link = Cronologia
forum-quote-link = Cita
forum-post-context = il messaggio n. { $number }
forum-of-post-context = del messaggio n. { $number }
forum-edit-count =
    { $count ->
        [one] modificato una volta
       *[other] modificato { $count } volte
    }
forum-hidden-label = Messaggio nascosto dai moderatori:
forum-hidden-no-reason = nessun motivo indicato.
forum-hidden-body-toggle = Leggi il testo nascosto
forum-show-submit = Mostra di nuovo
forum-hide-toggle = Nascondi
forum-field-hide-reason = Motivo
forum-field-hide-reason-help = Il motivo resta visibile a tutti al posto del messaggio.
forum-hide-submit = Nascondi il messaggio n. { $number }
forum-moderation-title = Moderazione della discussione
forum-pin-submit = Metti in evidenza
forum-unpin-submit = Togli dall'evidenza
forum-lock-submit = Chiudi la discussione
forum-unlock-submit = Riapri la discussione
forum-field-move-category = Sposta in un'altra categoria
forum-field-move-category-help = La discussione prende la visibilità della nuova categoria.
forum-move-submit = Sposta
forum-reply-title = Rispondi
forum-field-reply = La tua risposta
forum-reply-submit = Rispondi
forum-replying-to = Stai rispondendo al messaggio n. { $number }.
forum-quote-cancel = Annulla la citazione
forum-reply-login-intro = Vuoi partecipare alla discussione?
forum-reply-login-link = Accedi per rispondere
forum-reply-pending = Potrai rispondere quando la tua richiesta di adesione sarà approvata.
forum-reply-not-allowed = Il tuo account non può rispondere a questa discussione.

## Modifica e cronologia (forum/edit.html, forum/history.html)

forum-edit-title = Modifica il messaggio
forum-edit-opening-title = Modifica la discussione
forum-in-discussion = Nella discussione:
forum-edit-intro = Ogni modifica resta nella cronologia, visibile a chi può leggere la discussione. Usa le modifiche per correggere, chiarire o aggiornare il testo senza cambiarne il senso.
forum-history-title = Cronologia del messaggio
forum-revision-original-by = Scritto da
forum-revision-edit-by = Modificato da
forum-history-back = Torna alla discussione

## Menzioni (forum/mentions.html)

forum-mentions-title = Le mie menzioni
forum-mentions-intro = I messaggi del forum in cui qualcuno ti ha citato scrivendo @{ $username }, dal più recente.
forum-mention-by = Menzione di
forum-mentions-empty = Nessuno ti ha ancora menzionato nel forum.

## Gestione delle categorie (forum/categories.html, solo amministratori)

forum-categories-admin-title = Gestisci le categorie
forum-categories-admin-intro = Le categorie ordinano le discussioni del forum. Chi può leggere una discussione dipende dalla sua categoria.
forum-categories-table-caption = Categorie del forum
forum-col-position = Ordine
forum-col-name = Nome
forum-col-slug = Indirizzo
forum-col-description = Descrizione
forum-col-audience = Chi può leggere
forum-col-discussions = Discussioni
forum-category-create-title = Crea una categoria
forum-field-category-name = Nome
forum-field-category-name-help = Al massimo 80 caratteri. L'indirizzo della categoria si ricava dal nome.
forum-field-category-description = Descrizione
forum-field-category-description-help = Facoltativa, al massimo 500 caratteri: spiega di che cosa si discute nella categoria.
forum-field-category-position = Ordine
forum-field-category-position-help = Un numero intero: le categorie con il numero più basso compaiono per prime.
forum-field-category-audience = Chi può leggere
forum-field-category-audience-help = Una categoria pubblica è visibile ai visitatori solo quando la comunità è aperta a tutti (fase 3).
forum-category-create-submit = Crea la categoria

## Messaggi dei servizi e valori (usati dal codice Rust)

forum-title-too-short = Il titolo deve avere almeno 5 caratteri.
forum-discussion-locked = La discussione è chiusa.
forum-category-exists = Esiste già una categoria con questo nome.
forum-category-invalid = Scegli una categoria valida.
forum-edit-not-allowed = Puoi modificare solo i tuoi messaggi, salvo tu sia moderatore.
forum-hide-reason-required = Indica il motivo per cui nascondi il messaggio.
forum-moderation-invalid = Operazione di moderazione non valida.
forum-quote-invalid = Il messaggio citato non esiste o non fa parte di questa discussione.
forum-tab-latest = Attività recente
forum-tab-unread = Non letti
forum-moderated = Fatto.
forum-category-created = Categoria creata.
forum-post-hidden = Messaggio nascosto.
forum-post-shown = Il messaggio è di nuovo visibile.
forum-edit-saved = Modifica salvata.
forum-audience-public = Pubblica (visibile a tutti in fase 3)
forum-audience-members = Solo membri

## Home page block
home-forum-title = Discussioni attive
home-forum-empty = Nessuna discussione per ora.
home-forum-all = Tutte le discussioni

## Member profile lines
forum-activity-discussions = Discussioni avviate
forum-activity-posts = Messaggi nel forum
