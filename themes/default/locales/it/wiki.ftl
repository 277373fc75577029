# Wiki: pagine, collegamenti, cronologia, conflitti di modifica, discussioni, promozione
# delle risposte. Ogni chiave ha il prefisso wiki- e una gemella in en/wiki.ftl.
# I confronti riusano le chiavi qa-diff-* e qa-revision-* di qa.ftl.

## Sezione e usi dal codice Rust

wiki-section = Wiki
wiki-link-missing = Pagina non ancora scritta: creala
wiki-audience-members = Solo i membri della comunità
wiki-audience-public = Tutti, anche senza account
wiki-profile-edits = Modifiche al wiki

## Messaggi dopo un'azione

wiki-page-created = La pagina è stata creata.
wiki-page-saved = La modifica è stata salvata.
wiki-page-merged = La modifica è stata salvata e unita automaticamente alle modifiche che un'altra persona aveva salvato nel frattempo: controlla il risultato.
wiki-page-restored = La revisione è stata ripristinata.
wiki-settings-saved = Le impostazioni della pagina sono state salvate.
wiki-watch-on = Ora osservi questa pagina: le sue modifiche compaiono tra le pagine osservate.
wiki-watch-off = Non osservi più questa pagina.
wiki-promoted = La risposta è stata promossa nel wiki.

## Errori

wiki-page-protected = La pagina è protetta: solo i moderatori possono modificarla.
wiki-category-too-long = Ogni categoria può avere al massimo 40 caratteri.
wiki-too-many-categories = Puoi indicare al massimo 10 categorie.
wiki-title-too-short = Il titolo deve avere da 2 a 120 caratteri.
wiki-title-invalid = Il titolo deve contenere almeno una lettera o una cifra.
wiki-parent-not-found = Non esiste una pagina con questo titolo che tu possa vedere: controlla il titolo della pagina superiore.
wiki-parent-cycle = Una pagina non può stare sotto sé stessa o sotto una delle sue sottopagine.
wiki-audience-invalid = Scegli chi può leggere la pagina tra le opzioni proposte.
wiki-title-taken = Esiste già una pagina con questo titolo (o l'ha avuto in passato): scegline un altro o modifica quella pagina.
wiki-base-invalid = Il modulo non indica da quale revisione sei partito: ricarica la pagina di modifica e riprova.
wiki-edit-busy = La pagina è stata modificata più volte in pochi istanti e la modifica non è stata salvata: riprova tra poco.
wiki-edit-conflict = La pagina è stata modificata nel frattempo e le modifiche si sovrappongono: non è stato salvato nulla.
wiki-restore-stale = La pagina è cambiata da quando l'hai aperta e la revisione non è stata ripristinata: controlla la cronologia e riprova.
wiki-restore-invalid = Questa revisione non esiste o è già quella attuale.
wiki-promote-not-accepted = Si può promuovere nel wiki solo la risposta accettata.
wiki-promote-page-not-found = Non esiste una pagina con questo titolo che tu possa modificare.
wiki-promote-audience = La pagina è visibile anche a persone che non possono vedere la domanda: scegli una pagina con un pubblico uguale o più ristretto, oppure crea una nuova pagina.
wiki-promote-already = Questa risposta è già stata promossa in questa pagina.
wiki-promote-mode = Scegli se creare una nuova pagina o aggiungere la risposta a una pagina esistente.

## Tipi di revisione

wiki-kind-create = Creazione
wiki-kind-edit = Modifica
wiki-kind-merge = Modifica unita automaticamente
wiki-kind-restore = Ripristino
wiki-kind-restore-from = Ripristino della revisione { $number }
wiki-kind-promote = Risposta promossa da Domande e risposte

## Parti comuni (wiki/macros.html)

wiki-author-unknown = un account non più attivo
wiki-by = di
wiki-none = nessuna
wiki-cancel = Annulla
wiki-protected-badge = protetta
wiki-members-only-badge = solo membri
wiki-group-only-badge = solo gruppo
wiki-tabs-label = Azioni sulla pagina
wiki-tab-read = Leggi
wiki-tab-edit = Modifica
wiki-tab-protected = Modifica riservata ai moderatori
wiki-tab-login-to-edit = Accedi per modificare
wiki-tab-history = Cronologia
wiki-tab-talk = Discussione
wiki-tab-export = Esporta in Markdown
wiki-summary-none = nessuna descrizione
wiki-diff-none = prima versione
wiki-current-badge = attuale
wiki-page-label = Pagina:
wiki-of-page = della pagina { $title }
wiki-back-to-page = Torna alla pagina
wiki-back-to-history = Torna alla cronologia

## Conteggi

wiki-pages-count =
    { $count ->
        [0] Nessuna pagina
        [one] { $count } pagina
       *[other] { $count } pagine
    }
wiki-changes-count =
    { $count ->
        [0] Nessuna modifica.
        [one] Una modifica.
       *[other] { $count } modifiche.
    }
wiki-talk-count =
    { $count ->
        [0] Nessun commento
        [one] { $count } commento
       *[other] { $count } commenti
    }
wiki-size =
    { $count ->
        [one] { $count } carattere
       *[other] { $count } caratteri
    }

## Pagina iniziale e categorie (wiki/index.html, wiki/category.html)

wiki-intro = Le pagine del wiki raccolgono la conoscenza della comunità: definizioni, guide, esperienze e buone pratiche che tutti i membri possono leggere, migliorare e collegare tra loro.
wiki-create-button = Crea una pagina
wiki-all-pages-title = Tutte le pagine
wiki-updated-on = aggiornata il
wiki-pages-empty = Non ci sono ancora pagine.
wiki-pages-empty-create = Scrivi la prima.
wiki-categories-title = Categorie
wiki-categories-empty = Nessuna pagina ha ancora una categoria.
wiki-recent-all-link = Tutte le modifiche recenti
wiki-category-title = Categoria: { $name }
wiki-category-pages-title = Pagine della categoria
wiki-category-changes-link = Modifiche recenti in questa categoria
wiki-category-empty = Non ci sono pagine in questa categoria.
wiki-back-to-categories = Tutte le categorie

## Modifiche recenti, contributi, pagine osservate (wiki/changes.html)

wiki-recent-title = Modifiche recenti
wiki-recent-intro = Le ultime modifiche alle pagine che puoi vedere, dalla più recente.
wiki-contributions-title = Contributi di { $name }
wiki-contributions-intro = Le modifiche di questo membro alle pagine che puoi vedere, dalla più recente.
wiki-contributions-profile-link = Vai al profilo
wiki-watchlist-title = Pagine osservate
wiki-watchlist-intro = Le ultime modifiche alle pagine che osservi. Osservi automaticamente le pagine che crei; le altre si aggiungono con il pulsante «Osserva questa pagina».
wiki-watchlist-empty = Non ci sono modifiche alle pagine che osservi. Apri una pagina e usa il pulsante «Osserva questa pagina» per seguirla.
wiki-filters-label = Filtra le modifiche
wiki-filter-member = Membro
wiki-filter-member-help = Il nome utente, per esempio giulia.rossi.
wiki-filter-category = Categoria
wiki-filter-submit = Filtra
wiki-filter-reset = Mostra tutte le modifiche
wiki-changes-empty = Non ci sono ancora modifiche.
wiki-changes-empty-filtered = Nessuna modifica corrisponde ai filtri scelti.
wiki-col-page = Pagina
wiki-col-revision = Revisione
wiki-col-kind = Tipo
wiki-col-author = Autore
wiki-col-date = Data
wiki-col-summary = Descrizione
wiki-col-size = Dimensione
wiki-col-diff = Differenze
wiki-diff-link = differenze
wiki-diff-link-context = introdotte dalla revisione { $number } di { $title }

## Nuova pagina e modifica (wiki/new.html, wiki/edit.html)

wiki-new-title = Nuova pagina
wiki-new-intro = Scrivi una pagina per raccogliere ciò che la comunità sa su un tema. Chiunque partecipi potrà migliorarla; ogni modifica resta nella cronologia.
wiki-new-missing-note = La pagina «{ $title }» non esiste ancora: puoi crearla ora.
wiki-new-submit = Crea la pagina
wiki-field-title = Titolo
wiki-field-title-help = Da 2 a 120 caratteri. Il titolo dà l'indirizzo alla pagina e si usa per collegarla da altre pagine.
wiki-field-title-edit-help = Da 2 a 120 caratteri. Se cambi il titolo, il vecchio indirizzo e i collegamenti esistenti continuano a portare qui.
wiki-field-body = Testo
wiki-field-body-help = Puoi usare Markdown: ## per i titoli delle sezioni, **grassetto**, *corsivo*, elenchi e collegamenti. Per collegare un'altra pagina del wiki scrivi [[Titolo]], oppure [[Titolo|testo del collegamento]]; se la pagina non esiste ancora, il collegamento invita a crearla.
wiki-field-categories = Categorie
wiki-field-categories-help = Facoltativo. Separa le categorie con una virgola, per esempio: Metodo, Finanziamenti. Al massimo 10, di 40 caratteri ciascuna.
wiki-field-parent = Pagina superiore
wiki-field-parent-help = Facoltativo. Il titolo della pagina sotto cui mettere questa, come sottopagina; lascia vuoto per una pagina principale.
wiki-field-audience = Chi può leggere la pagina
wiki-field-audience-help = Una pagina visibile a tutti può essere letta anche da chi non ha un account.
wiki-field-audience-settings-help = Se restringi il pubblico, la pagina sparisce per chi non fa parte del nuovo pubblico, anche dai collegamenti e dalle ricerche.
wiki-field-summary = Descrivi la modifica
wiki-field-summary-help = Facoltativo, al massimo 200 caratteri. Compare nella cronologia, per esempio: aggiunto il riferimento al decreto.
wiki-edit-title = Modifica: { $title }
wiki-edit-intro = Modifica il testo e salva: la versione precedente resta nella cronologia. Se qualcuno salva la pagina mentre la modifichi, le modifiche che non si sovrappongono vengono unite automaticamente.
wiki-edit-form-title = Modulo di modifica
wiki-edit-submit = Salva la modifica
wiki-protected-edit-note = Questa pagina è protetta: solo i moderatori possono modificarla.

## Conflitto di modifica (wiki/edit.html, stato 409)

wiki-conflict-title = Un'altra persona ha modificato la pagina mentre la modificavi
wiki-conflict-by = { $name } ha salvato la revisione { $number } dopo che hai aperto il modulo, e le sue modifiche si sovrappongono alle tue.
wiki-conflict-by-unknown = È stata salvata la revisione { $number } dopo che hai aperto il modulo, e le sue modifiche si sovrappongono alle tue.
wiki-conflict-fields = Parti modificate da entrambi:
wiki-conflict-field-title = titolo
wiki-conflict-field-body = testo
wiki-conflict-field-parent = pagina superiore
wiki-conflict-field-categories = categorie
wiki-conflict-nothing-saved = Non è stato salvato nulla di quello che hai scritto: il tuo testo è ancora nel modulo qui sotto.
wiki-conflict-how = Confronta la versione attuale con la tua, riporta a mano nel modulo le modifiche dell'altra persona che vuoi tenere e poi salva.
wiki-conflict-current-link = Vedi la versione attuale
wiki-conflict-diff-link = Vedi le differenze
wiki-conflict-form-link = Vai al tuo testo
wiki-conflict-current-title = La versione attuale (revisione { $number })
wiki-conflict-current-by = Salvata da
wiki-conflict-current-title-label = Titolo attuale
wiki-conflict-current-categories-label = Categorie attuali
wiki-conflict-current-parent-label = Pagina superiore attuale
wiki-conflict-current-body-label = Testo attuale (sola lettura)
wiki-conflict-current-body-help = Puoi selezionare e copiare parti di questo testo nel tuo.
wiki-conflict-diff-title = Differenze tra la versione attuale e il tuo testo
wiki-conflict-legend-ins = c'è solo nel tuo testo
wiki-conflict-legend-del = c'è solo nella versione attuale
wiki-conflict-diff-same = Il testo è uguale nelle due versioni: cambiano solo le altre parti indicate sopra.
wiki-conflict-form-title = Il tuo testo
wiki-conflict-form-warning = Attenzione: salvando, il contenuto di questo modulo sostituirà la versione attuale (revisione { $number }). Prima di salvare, riporta qui le modifiche dell'altra persona che vuoi tenere.
wiki-conflict-submit = Salva e sostituisci la versione attuale

## Pagina (wiki/page.html)

wiki-last-edit = Ultima modifica di
wiki-watch-submit = Osserva questa pagina
wiki-unwatch-submit = Smetti di osservare questa pagina
wiki-watching-note = Stai osservando questa pagina: le sue modifiche compaiono tra le
wiki-members-only-note = Questa pagina è visibile solo ai membri della comunità.
wiki-group-only-note = Questa pagina è visibile solo ai membri di un gruppo.
wiki-toc-title = Indice
wiki-children-title = Sottopagine
wiki-children-empty = Questa pagina non ha sottopagine.
wiki-child-create-link = Crea una sottopagina
wiki-backlinks-title = Pagine che rimandano qui
wiki-sources-title = Da Domande e risposte
wiki-sources-intro = Parti di questa pagina vengono da risposte accettate a queste domande.
wiki-settings-title = Impostazioni della pagina (moderazione)
wiki-field-protected = Pagina protetta
wiki-field-protected-help = Solo i moderatori possono modificare una pagina protetta; tutti possono ancora leggerla e commentarla.
wiki-settings-submit = Salva le impostazioni

## Cronologia, differenze, revisioni (wiki/history.html, wiki/diff.html, wiki/revision.html)

wiki-history-title = Cronologia: { $title }
wiki-history-intro = Ogni salvataggio è una revisione; la più recente è in cima. Scegli due revisioni nelle colonne «Da» e «A» per confrontarle.
wiki-history-caption = Revisioni della pagina { $title }, dalla più recente
wiki-col-from = Da
wiki-col-to = A
wiki-compare-from-label = Confronta dalla revisione { $number }
wiki-compare-to-label = alla revisione { $number }
wiki-compare-submit = Confronta
wiki-diff-previous-link = con la precedente
wiki-diff-previous-context = (revisione { $number })
wiki-diff-title = Differenze tra le revisioni { $from } e { $to }
wiki-diff-crumb = Differenze
wiki-diff-from = Dalla revisione { $number }
wiki-diff-to = Alla revisione { $number }
wiki-diff-unchanged = Le due revisioni hanno lo stesso titolo, le stesse categorie e lo stesso testo.
wiki-revision-view-link = Leggi questa revisione
wiki-revision-old-notice = Stai leggendo una vecchia revisione di questa pagina (revisione { $number }); la revisione attuale è la { $current }.
wiki-revision-is-current = Questa è la revisione attuale della pagina (revisione { $number }).
wiki-revision-current-link = Vai alla versione attuale
wiki-revision-diff-current-link = Differenze con la versione attuale
wiki-revision-categories-label = Categorie:
wiki-restore-title = Ripristina questa revisione
wiki-restore-intro = Il ripristino crea una nuova revisione con il titolo, il testo e le categorie della revisione { $number }; nessuna revisione viene cancellata dalla cronologia.
wiki-restore-confirm = Vuoi ripristinare la revisione { $number }?
wiki-field-restore-summary = Motivo del ripristino
wiki-field-restore-summary-help = Facoltativo, al massimo 200 caratteri. Compare nella cronologia.
wiki-restore-submit = Ripristina questa revisione

## Discussione (wiki/talk.html)

wiki-talk-title = Discussione: { $title }
wiki-talk-intro = Qui si discute di come migliorare la pagina: proposte, dubbi, fonti da aggiungere. I commenti non cambiano la pagina.
wiki-talk-empty = Non ci sono ancora commenti.
wiki-comment-title = Commento di { $name }
wiki-talk-new-title = Aggiungi un commento
wiki-field-comment = Il tuo commento
wiki-field-comment-help = Puoi usare Markdown: **grassetto**, *corsivo*, elenchi e collegamenti, anche [[Titolo]] per le pagine del wiki.
wiki-talk-submit = Pubblica il commento
wiki-talk-pending = Potrai commentare quando la tua richiesta di adesione sarà approvata.
wiki-talk-not-allowed = Il tuo account non può commentare questa pagina.
wiki-talk-login-intro = Per commentare devi accedere.
wiki-talk-login-link = Accedi

## Promozione di una risposta (wiki/promote.html, qa/question.html)

wiki-promote-link = Promuovi nel wiki
wiki-promoted-in = Promossa nel wiki:
wiki-promote-title = Promuovi la risposta nel wiki
wiki-promote-lead = La risposta accettata di { $name } alla domanda
wiki-promote-intro = La risposta diventa una sezione di una pagina del wiki, dove tutti potranno migliorarla. La pagina riporta il nome di chi ha risposto e un collegamento alla domanda, e la domanda mostrerà il collegamento alla pagina.
wiki-promote-audience-public = Una nuova pagina sarà visibile a tutti, come la domanda.
wiki-promote-audience-members = Una nuova pagina sarà visibile solo ai membri della comunità, come la domanda.
wiki-promote-audience-group = Una nuova pagina sarà visibile solo ai membri del gruppo della domanda.
wiki-promote-append-note = Una pagina esistente deve essere visibile solo a chi può già vedere la domanda.
wiki-promote-mode-legend = Dove vuoi promuovere la risposta?
wiki-promote-mode-new = In una nuova pagina
wiki-promote-mode-append = In fondo a una pagina esistente
wiki-promote-field-title = Titolo della pagina
wiki-promote-field-title-help = Per una nuova pagina è il suo titolo; per aggiungere la risposta a una pagina esistente, scrivi il titolo di quella pagina.
wiki-promote-submit = Promuovi nel wiki

## Home page block
home-wiki-title = Pagine aggiornate
home-wiki-empty = Nessuna pagina per ora.
home-wiki-all = Ultime modifiche
home-wiki-revision = Revisione { $count }
