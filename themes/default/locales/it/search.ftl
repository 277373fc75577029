# Ricerca: la pagina dei risultati (search/results.html) e i messaggi del codice Rust.
# Ogni chiave ha il prefisso search- e una gemella in en/search.ftl.
# search-label e search-submit (il modulo nell'intestazione) sono in main.ftl.

## Usi dal codice Rust

search-unavailable = La ricerca è temporaneamente non disponibile; riprova tra poco.
search-date-invalid = Scrivi la data nel formato AAAA-MM-GG, per esempio 2024-03-31.
search-kind-invalid = Scegli un tipo di contenuto dall'elenco.
search-kind-question = Domanda
search-kind-answer = Risposta
search-kind-discussion = Discussione
search-kind-reply = Risposta nel forum
search-kind-wiki = Pagina wiki
search-kind-member = Membro
search-kind-event = Evento

## Pagina dei risultati (search/results.html)

search-title = Cerca
search-title-query = Risultati per «{ $q }»
search-intro = Cerca tra domande, risposte, discussioni del forum, pagine del wiki e membri della comunità.
search-form-label = Ricerca nei contenuti
search-field-q = Parole da cercare
search-filters-legend = Filtri
search-field-kind = Tipo di contenuto
search-kind-all = Tutti i tipi
search-field-tag = Tag o categoria
search-field-tag-help = Un tag delle domande, una categoria del forum o una categoria del wiki.
search-field-from = Dal giorno
search-field-until = Al giorno
search-field-date-help = Formato AAAA-MM-GG, per esempio 2024-03-31.
search-reset-filters = Togli i filtri
search-unavailable-browse = Nel frattempo puoi sfogliare:
search-hint = Scrivi una o più parole, oppure un tag, e scegli «Cerca». Puoi restringere la ricerca per tipo di contenuto, tag e periodo.
search-results-count =
    { $count ->
        [one] { $count } risultato
       *[other] { $count } risultati
    }
search-kinds-label = Risultati per tipo di contenuto
search-untitled = Senza titolo
search-hit-tags-label = Tag (cerca con questo tag)
search-no-results = Nessun contenuto corrisponde alla ricerca.
search-no-results-tips = Controlla come hai scritto le parole, prova parole diverse o più generiche, oppure togli qualche filtro.

## Ricerca limitata a un gruppo di lavoro (/cerca?gruppo=<slug>)

search-group-scope = Risultati nel gruppo «{ $name }».
search-group-everywhere = Cerca in tutta la comunità
