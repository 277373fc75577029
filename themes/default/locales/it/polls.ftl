## Sondaggi (prassi-polls)
home-module-polls-title = Sondaggi
home-module-polls-description = Domande veloci alla comunità, votazioni segrete e le decisioni che ne sono seguite.
home-polls-title = Sondaggi aperti
home-polls-voters = { $count ->
    [one] 1 voto
   *[other] { $count } voti
}
home-polls-secret = voto segreto
home-polls-vote = Vota
home-polls-go-vote = Vai al voto
home-polls-voted = Hai votato: grazie!
home-polls-empty = Nessun sondaggio aperto in questo momento.
home-polls-all = Tutti i sondaggi
search-kind-poll = Sondaggio

polls-title = Sondaggi
polls-intro = Domande veloci alla comunità su un tema o un'attività: scegli una o più opzioni, oppure mettile in ordine di preferenza.
polls-new-link = Nuovo sondaggio
polls-new-title = Nuovo sondaggio
polls-tabs-label = Sondaggi
polls-tab-all = Tutti
polls-tab-open = Aperti
polls-tab-closed = Chiusi
polls-empty = Nessun sondaggio.
polls-kind-single = Scelta singola
polls-kind-multiple = Scelta multipla
polls-kind-ranked = Ordine di preferenza
polls-audience-members = Membri della comunità
polls-audience-public = Pubblico
polls-audience-group = Un gruppo di lavoro
polls-audience-line-public = Sondaggio pubblico
polls-audience-line-members = Per i membri della comunità
polls-audience-line-group = Per i membri del gruppo di lavoro
polls-results-always = Sempre
polls-results-after_vote = Dopo aver votato
polls-results-after_close = Alla chiusura
polls-results-organisers = Solo a chi organizza
polls-secret-badge = Voto segreto
polls-on-home-badge = In home page
polls-state-open = Aperto
polls-state-closed = Chiuso
polls-closes-on = chiude il
polls-closed-on = chiuso il
polls-voters-count = { $count ->
    [one] 1 votante
   *[other] { $count } votanti
}
polls-secret-explained = Voto segreto: la piattaforma registra chi ha votato (per impedire il doppio voto) e, separatamente, che cosa dicono le schede, senza nulla che le colleghi. Il voto non si può cambiare e i risultati si contano alla chiusura.

# Voto
polls-vote-title = Il tuo voto
polls-help-single = Scegli un'opzione.
polls-help-multiple = Scegli da { $min } a { $max } opzioni.
polls-help-ranked = Numera le opzioni in ordine di preferenza (1 = la preferita): almeno { $min }, al massimo { $max }. Lascia «—» per quelle che non vuoi classificare.
polls-help-change = Puoi cambiare il voto fino alla chiusura.
polls-rank-none = —
polls-vote-submit = Vota
polls-vote-change-submit = Cambia il voto
polls-voted = Hai votato.
polls-voted-final = Hai votato; in questo sondaggio il voto non si può cambiare.
polls-voted-secret = Hai votato. Il voto è segreto: la piattaforma non sa che cosa hai scelto e non si può cambiare.
polls-your-choices = Le tue scelte:
polls-closed-note = Il sondaggio è chiuso.
polls-sign-in-to-vote = Accedi per votare
polls-not-eligible-note = Non puoi votare in questo sondaggio: è riservato a chi fa parte del suo pubblico.
polls-vote-recorded = Voto registrato.
polls-vote-changed = Il tuo voto è cambiato.
polls-vote-unchanged = Il voto è lo stesso di prima: nulla è cambiato.

# Risultati
polls-results-title = Risultati
polls-results-caption = Voti per opzione
polls-results-caption-first = Prime preferenze per opzione
polls-results-caption-runoff = Risultato del conteggio a eliminazione (ultimo turno)
polls-results-partial = parziali, il sondaggio è aperto
polls-col-option = Opzione
polls-col-votes = Voti
polls-col-share = Percentuale
polls-col-chart = Grafico
polls-winner = Vincitrice
polls-most-voted = Più votata
polls-results-note = { $count ->
    [one] Percentuali su 1 votante.
   *[other] Percentuali su { $count } votanti.
}
polls-results-note-multiple = { $count ->
    [one] Percentuali su 1 votante; ognuno può scegliere più opzioni, quindi la somma può superare il 100%.
   *[other] Percentuali su { $count } votanti; ognuno può scegliere più opzioni, quindi la somma può superare il 100%.
}
polls-results-note-first = { $count ->
    [one] Prima preferenza di 1 votante. Il conteggio a eliminazione si fa alla chiusura.
   *[other] Prime preferenze di { $count } votanti. Il conteggio a eliminazione si fa alla chiusura.
}
polls-results-note-runoff = { $count ->
    [one] Percentuali sull'unica scheda ancora valida nell'ultimo turno.
   *[other] Percentuali sulle { $count } schede ancora valide nell'ultimo turno.
}
polls-runoff-winner = Vince «{ $option }» con la maggioranza delle schede valide.
polls-runoff-tie = Parità: le opzioni rimaste hanno gli stessi voti, nessuna ha la maggioranza.
polls-rounds-caption = I turni del conteggio a eliminazione: a ogni turno esce l'opzione con meno voti e le sue schede passano alla preferenza successiva
polls-round = Turno { $number }
polls-round-out = eliminata
polls-round-exhausted = Schede senza altre preferenze
polls-round-eliminated = esce { $options }
polls-round-majority = «{ $option }» ha la maggioranza
polls-round-no-change = nessuna eliminazione
polls-results-hidden-secret = Voto segreto: i risultati si contano e si vedono alla chiusura.
polls-results-hidden-after-vote = I risultati si vedono dopo aver votato (e da tutti alla chiusura).
polls-results-hidden-after-close = I risultati si vedono alla chiusura del sondaggio.
polls-results-hidden-organisers = I risultati sono visibili solo a chi organizza il sondaggio.
polls-turnout-line = Hanno votato { $count } su { $eligible } aventi diritto
polls-voters-title = Chi ha votato
polls-voters-more = { $count ->
    [one] e un'altra persona (nell'esportazione)
   *[other] e altre { $count } persone (nell'esportazione)
}
polls-export-csv = Risultati (CSV)
polls-export-ballots = Schede (CSV)
polls-export-json = Risultati (JSON)
polls-export-later = L'esportazione sarà disponibile quando i risultati saranno visibili.

# Decisione
polls-decision-title = Decisione
polls-decision-entry = Decisione presa
polls-decision-correction = Correzione
polls-decision-superseded = corretta
polls-decision-by = Chi ha deciso
polls-decision-on = Data della decisione
polls-decision-turnout = Partecipazione al voto
polls-decision-recorded-by = Registrata da { $name } il
polls-decision-see-corrected = vedi la voce corretta
polls-decision-see-correction = vedi la correzione
polls-decision-new-title = Registra la decisione
polls-decision-correct-title = Correggi la decisione
polls-decision-append-only = Le voci registrate non si modificano: una correzione è una nuova voce che rimanda alla precedente.
polls-field-decision = Che cosa è stato deciso
polls-field-decision-help = Puoi usare Markdown.
polls-field-deciders = Chi ha deciso
polls-field-deciders-help = Un organo, un ruolo o delle persone: ad esempio «Assemblea dei referenti».
polls-field-decided-on = Data della decisione
polls-decision-submit = Registra la decisione
polls-decision-correct-submit = Registra la correzione
polls-decision-recorded = Decisione registrata.

# Gestione
polls-manage-title = Gestione del sondaggio
polls-close-help = Chiudere ora il sondaggio: i voti non si accettano più e i risultati diventano definitivi.
polls-close-submit = Chiudi il sondaggio
polls-closed-now = Sondaggio chiuso: i risultati sono definitivi.
polls-home-add = Metti in home page
polls-home-remove = Togli dalla home page
polls-home-added = Il sondaggio è in home page.
polls-home-removed = Il sondaggio non è più in home page.
polls-created = Sondaggio creato.

# Modulo
polls-field-question = Domanda
polls-field-description = Descrizione
polls-field-description-help = Facoltativa: il contesto della domanda. Puoi usare Markdown.
polls-field-kind = Tipo di risposta
polls-field-kind-help = Scelta singola, scelta multipla (con un minimo e un massimo) oppure ordine di preferenza (contato a eliminazione).
polls-field-options = Opzioni
polls-field-options-help = Da 2 a 20 opzioni, una per riga, tutte diverse.
polls-field-min = Scelte minime
polls-field-min-help = Per scelta multipla e ordine di preferenza; vuoto: 1.
polls-field-max = Scelte massime
polls-field-max-help = Per scelta multipla e ordine di preferenza; vuoto: tutte le opzioni.
polls-field-closes = Chiusura
polls-field-closes-help = Facoltativa, ora italiana; deve essere nel futuro. Chi organizza può chiudere prima.
polls-field-audience = Chi vede e vota
polls-field-audience-help = Con un gruppo di lavoro, il sondaggio è per i membri del gruppo.
polls-field-group = Gruppo di lavoro
polls-field-group-help = L'indirizzo breve del gruppo (ad esempio «piazza-dei-funzionari»). Chi coordina un gruppo crea sondaggi solo per il proprio gruppo.
polls-field-results = Quando si vedono i risultati
polls-field-results-help = «Dopo aver votato» e «Alla chiusura» evitano di influenzare chi non ha ancora votato.
polls-field-show-voters = Mostra chi ha votato e che cosa
polls-field-show-voters-help = I votanti e le loro scelte si vedono insieme ai risultati. Non per il voto segreto.
polls-field-allow-change = Si può cambiare il voto fino alla chiusura
polls-field-secret = Voto segreto
polls-field-secret-help = Si registra chi ha votato, ma non che cosa: schede e votanti sono conservati separatamente. Il voto non si può cambiare e i risultati si vedono alla chiusura.
polls-field-on-home = Mostra in home page
polls-field-on-home-help = Solo moderatori e amministratori scelgono i sondaggi della home page.
polls-create-submit = Crea il sondaggio

# Errori
polls-kind-required = Scegli il tipo di risposta.
polls-kind-invalid = Il tipo di risposta deve essere scelta singola, scelta multipla o ordine di preferenza.
polls-options-missing = Scrivi le opzioni, una per riga.
polls-options-too-few = Servono almeno 2 opzioni.
polls-options-too-many = Le opzioni sono al massimo 20.
polls-option-empty = Un'opzione è vuota: togli le righe vuote tra le opzioni.
polls-option-duplicate = Due opzioni sono uguali (maiuscole e spazi non contano).
polls-option-too-long = Un'opzione supera i 200 caratteri.
polls-option-bad-characters = Un'opzione contiene caratteri non ammessi.
polls-choices-invalid = Scrivi un numero intero da 1 in su.
polls-min-above-max = Le scelte minime superano le massime.
polls-max-above-options = Le scelte massime superano il numero delle opzioni.
polls-close-invalid = Scrivi data e ora nel formato 2027-03-15T18:00.
polls-close-in-past = La chiusura deve essere nel futuro.
polls-audience-invalid = Il pubblico deve essere pubblico, membri o un gruppo di lavoro.
polls-group-unknown = Nessun gruppo di lavoro con questo indirizzo tra i tuoi gruppi.
polls-group-required = Indica il gruppo di lavoro.
polls-group-coordinators = Chi coordina un gruppo crea sondaggi solo per un gruppo che coordina: indicalo.
polls-results-invalid = Scegli quando si vedono i risultati.
polls-secret-no-voters = In un voto segreto non si può mostrare chi ha votato e che cosa.
polls-secret-no-change = In un voto segreto il voto non si può cambiare.
polls-home-moderators-only = Solo moderatori e amministratori scelgono i sondaggi della home page.
polls-create-not-allowed = Creano sondaggi moderatori, amministratori e chi coordina un gruppo di lavoro.
polls-organisers-only = Solo chi organizza il sondaggio può farlo.
polls-not-eligible = Non puoi votare in questo sondaggio.
polls-closed = Il sondaggio è chiuso: il voto non è stato registrato.
polls-already-closed = Il sondaggio è già chiuso.
polls-already-voted = Hai già votato in questo sondaggio e il voto non si può cambiare.
polls-option-unknown = Una delle opzioni scelte non appartiene a questo sondaggio.
polls-choice-repeated = Hai scelto la stessa opzione più volte.
polls-choose-one = Scegli un'opzione.
polls-too-few-choices = Hai scelto meno opzioni del minimo richiesto.
polls-too-many-choices = Hai scelto più opzioni del massimo consentito.
polls-rank-invalid = Le posizioni sono numeri da 1 in su.
polls-rank-repeated = Due opzioni hanno la stessa posizione: ogni numero una volta sola.
polls-results-not-yet = I risultati non sono ancora visibili: l'esportazione lo sarà con loro.
polls-decision-before-close = La decisione si registra dopo la chiusura del sondaggio.
polls-decided-in-future = La data della decisione non può essere nel futuro.
polls-date-invalid = Scrivi la data nel formato 2027-03-15.
polls-decision-unknown = La voce da correggere non esiste in questo sondaggio.
polls-decision-exists = La decisione è già registrata: per cambiarla registra una correzione.
polls-decision-already-corrected = Questa voce è già stata corretta: correggi la voce più recente.
