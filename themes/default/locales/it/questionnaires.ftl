## Questionari (prassi-polls, questionari)
search-kind-questionnaire = Questionario

questionnaires-title = Questionari
questionnaires-intro = Indagini interne della comunità: sezioni di domande a cui ogni membro risponde una volta, con i risultati analizzati e pubblicati.
questionnaires-new-link = Nuovo questionario
questionnaires-new-title = Nuovo questionario
questionnaires-tabs-label = Questionari
questionnaires-tab-all = Tutti
questionnaires-tab-open = Aperti
questionnaires-tab-closed = Chiusi
questionnaires-empty = Nessun questionario.
questionnaires-state-upcoming = Non ancora aperto
questionnaires-state-open = Aperto
questionnaires-state-closed = Chiuso
questionnaires-anonymous-badge = Anonimo
questionnaires-named-badge = Nominativo
questionnaires-published-badge = Risultati pubblicati
questionnaires-unpublished-badge = Risultati non ancora pubblicati
questionnaires-responses-count = { $count ->
    [one] 1 risposta
   *[other] { $count } risposte
}
questionnaires-questions-count = { $count ->
    [one] 1 domanda
   *[other] { $count } domande
}
questionnaires-answered-count = { $count ->
    [one] 1 persona ha risposto
   *[other] { $count } persone hanno risposto
}
questionnaires-opens-on = apre il
questionnaires-closes-on = chiude il
questionnaires-closed-on = chiuso il
questionnaires-audience-members = Membri della comunità
questionnaires-audience-public = Pubblico (rispondono gli utenti registrati)
questionnaires-audience-group = Un gruppo di lavoro
questionnaires-audience-line-public = Questionario pubblico: risponde chi ha un account
questionnaires-audience-line-members = Per i membri della comunità
questionnaires-audience-line-group = Per i membri del gruppo di lavoro
questionnaires-kind-single = Scelta singola
questionnaires-kind-multiple = Scelta multipla
questionnaires-kind-short_text = Testo breve
questionnaires-kind-long_text = Testo lungo
questionnaires-kind-scale = Scala
questionnaires-kind-date = Data
questionnaires-kind-matrix = Griglia di scelte

# Risposta
questionnaires-notice-anonymous-title = Questionario anonimo.
questionnaires-notice-anonymous = Le tue risposte non saranno mai mostrate né esportate con il tuo nome, nemmeno a chi organizza il questionario. La piattaforma registra che hai risposto, per consentirti una sola risposta e di riprendere la bozza; chi amministra il database potrebbe tecnicamente collegare le risposte a chi le ha date.
questionnaires-notice-named-title = Questionario nominativo.
questionnaires-notice-named = Chi organizza il questionario vedrà le tue risposte con il tuo nome e potrà esportarle.
questionnaires-notice-edit = Puoi salvare una bozza e, dopo l'invio, modificare le risposte fino alla chiusura.
questionnaires-notice-no-edit = Puoi salvare una bozza e riprenderla; una volta inviate, le risposte non si possono più modificare.
questionnaires-required-help = Le domande segnate come obbligatorie vanno compilate per inviare; la bozza si può salvare in qualsiasi momento.
questionnaires-help-multiple = Scegli da { $min } a { $max } opzioni.
questionnaires-submit = Invia le risposte
questionnaires-update-submit = Aggiorna le risposte
questionnaires-save-draft = Salva la bozza
questionnaires-you-submitted = Hai inviato le tue risposte il
questionnaires-you-may-edit = Puoi modificarle fino alla chiusura.
questionnaires-you-have-draft = Hai una bozza salvata: completala e inviala prima della chiusura.
questionnaires-draft-not-sent = La tua bozza non è stata inviata.
questionnaires-closed-note = Il questionario è chiuso.
questionnaires-upcoming-note = Il questionario non è ancora aperto.
questionnaires-sign-in = Accedi per rispondere
questionnaires-not-eligible-note = Non puoi rispondere a questo questionario: è riservato a chi fa parte del suo pubblico.
questionnaires-no-edit-note = In questo questionario le risposte inviate non si possono modificare.
questionnaires-draft-saved = Bozza salvata.
questionnaires-submitted = Risposte inviate: grazie!
questionnaires-updated = Le tue risposte sono state aggiornate.
questionnaires-see-results = Vedi i risultati

# Gestione
questionnaires-manage-title = Gestione del questionario
questionnaires-manage-help = I risultati sono sempre visibili a chi organizza; pubblicandoli diventano visibili a tutto il pubblico del questionario.
questionnaires-export-csv = Esporta le risposte (CSV)
questionnaires-export-json = Esporta le risposte (JSON)
questionnaires-publish = Pubblica i risultati
questionnaires-unpublish = Ritira i risultati
questionnaires-close-submit = Chiudi ora il questionario
questionnaires-closed-now = Il questionario è chiuso.
questionnaires-results-published = I risultati sono pubblicati.
questionnaires-results-withdrawn = I risultati non sono più pubblici.
questionnaires-created = Questionario creato.

# Risultati
questionnaires-results-title = Risultati
questionnaires-results-partial = Risultati parziali: il questionario non è ancora chiuso.
questionnaires-results-caption = Risposte per opzione
questionnaires-results-caption-scale = Risposte per valore
questionnaires-results-caption-matrix = Risposte per riga e colonna
questionnaires-results-note-multiple = Ogni persona poteva scegliere più opzioni: le percentuali sono su chi ha risposto e la loro somma può superare il 100%.
questionnaires-col-option = Opzione
questionnaires-col-value = Valore
questionnaires-col-count = Risposte
questionnaires-col-share = Percentuale
questionnaires-col-chart = Grafico
questionnaires-col-row-total = Totale
questionnaires-average = Media:
questionnaires-texts-all = Tutte le risposte ({ $count })
questionnaires-texts-none = Nessuna risposta.
questionnaires-texts-order = in ordine alfabetico

# Modulo di creazione
questionnaires-field-title = Titolo
questionnaires-field-description = Descrizione
questionnaires-field-description-help = A che cosa serve il questionario e come saranno usate le risposte (Markdown).
questionnaires-field-opens = Apertura
questionnaires-field-opens-help = Data e ora (Roma); vuoto: subito.
questionnaires-field-closes = Chiusura
questionnaires-field-closes-help = Facoltativa: dopo l'apertura.
questionnaires-field-audience = Chi risponde
questionnaires-field-audience-help = Un questionario pubblico si legge da tutti quando la comunità è aperta, ma risponde solo chi ha un account.
questionnaires-field-group = Gruppo di lavoro
questionnaires-field-group-help = L'indirizzo breve del gruppo (per i questionari di un gruppo).
questionnaires-field-anonymous = Risposte anonime
questionnaires-field-anonymous-help = Le risposte non saranno mai mostrate né esportate con il nome di chi risponde; chi risponde lo legge prima di iniziare.
questionnaires-field-allow-edit = Risposte modificabili fino alla chiusura
questionnaires-field-allow-edit-help = Chi ha inviato le risposte può cambiarle finché il questionario è aperto.
questionnaires-sections-title = Sezioni e domande
questionnaires-sections-help = Almeno una sezione con almeno una domanda. Le domande lasciate vuote non vengono create. Per ogni tipo compila i campi che lo riguardano: opzioni per le scelte, minimo e massimo per la scelta multipla, scala ed etichette per la scala, righe e colonne per la griglia.
questionnaires-section-n = Sezione { $number }
questionnaires-question-n = Domanda { $section }.{ $number }
questionnaires-field-section-title = Titolo della sezione
questionnaires-field-section-intro = Introduzione della sezione (facoltativa)
questionnaires-field-kind = Tipo di domanda
questionnaires-field-question = Testo della domanda
questionnaires-field-help = Aiuto (facoltativo)
questionnaires-field-required = Risposta obbligatoria
questionnaires-field-options = Opzioni
questionnaires-field-options-help = Scelta singola o multipla: da 2 a 30 opzioni, una per riga.
questionnaires-field-min = Minimo di scelte
questionnaires-field-max = Massimo di scelte
questionnaires-field-minmax-help = Solo per la scelta multipla; vuoti: da 1 a tutte.
questionnaires-field-scale = Scala
questionnaires-field-scale-help = Solo per la scala: da 1 a 5 o da 1 a 10.
questionnaires-field-scale-min-label = Etichetta del valore 1
questionnaires-field-scale-max-label = Etichetta del valore più alto
questionnaires-field-rows = Righe della griglia
questionnaires-field-rows-help = Solo per la griglia: le righe una per riga, poi le colonne (almeno 2) tra cui scegliere per ogni riga.
questionnaires-field-columns = Colonne della griglia
questionnaires-add-question = Aggiungi una domanda alla sezione { $section }
questionnaires-add-section = Aggiungi una sezione
questionnaires-create-submit = Crea il questionario

# Errori
questionnaires-create-not-allowed = Possono creare questionari moderatori, amministratori e chi coordina un gruppo di lavoro.
questionnaires-organisers-only = Solo chi organizza il questionario può farlo.
questionnaires-group-coordinators = Chi coordina un gruppo crea questionari solo per il proprio gruppo: indica il gruppo.
questionnaires-group-unknown = Nessun gruppo di cui fai parte ha questo indirizzo.
questionnaires-group-required = Indica il gruppo di lavoro.
questionnaires-audience-invalid = Scegli chi risponde.
questionnaires-sections-missing = Aggiungi almeno una sezione con una domanda.
questionnaires-sections-too-many = Al massimo 20 sezioni.
questionnaires-questions-too-many = Al massimo 100 domande in tutto.
questionnaires-questions-missing = Aggiungi almeno una domanda a questa sezione.
questionnaires-kind-required = Scegli il tipo di domanda.
questionnaires-kind-invalid = Tipo di domanda sconosciuto.
questionnaires-options-missing = Scrivi le opzioni, una per riga.
questionnaires-options-too-few = Servono almeno 2 opzioni (per le righe di una griglia, almeno 1).
questionnaires-options-too-many = Al massimo 30 opzioni.
questionnaires-option-empty = Un'opzione è vuota: togli le righe vuote.
questionnaires-option-duplicate = Due opzioni sono uguali.
questionnaires-choices-invalid = Scrivi un numero intero da 1 in su.
questionnaires-min-above-max = Il minimo è più alto del massimo.
questionnaires-max-above-options = Il massimo è più alto del numero di opzioni.
questionnaires-min-above-options = Il minimo è più alto del numero di opzioni.
questionnaires-scale-invalid = La scala va da 1 a 5 o da 1 a 10.
questionnaires-date-time-invalid = Scrivi data e ora come 2027-03-15T18:00.
questionnaires-close-in-past = La chiusura è già passata.
questionnaires-close-before-open = La chiusura deve venire dopo l'apertura.
questionnaires-not-eligible = Non puoi rispondere a questo questionario.
questionnaires-not-open-yet = Il questionario non è ancora aperto.
questionnaires-closed = Il questionario è chiuso: le risposte non si possono più salvare.
questionnaires-already-closed = Il questionario è già chiuso.
questionnaires-already-responded = Hai già inviato le tue risposte e in questo questionario non si possono modificare.
questionnaires-already-submitted = Le risposte sono già inviate: non si possono tornare in bozza.
questionnaires-results-not-published = I risultati non sono ancora pubblicati.
questionnaires-question-unknown = Una risposta si riferisce a una domanda che non è di questo questionario.
questionnaires-answer-invalid = Questa risposta non è nel formato atteso.
questionnaires-answer-required = Rispondi a questa domanda: è obbligatoria.
questionnaires-option-unknown = Scegli tra le opzioni proposte.
questionnaires-choice-repeated = La stessa opzione è scelta due volte.
questionnaires-choose-one = Scegli una sola opzione.
questionnaires-too-few-choices = Scegli più opzioni: ne servono di più.
questionnaires-too-many-choices = Hai scelto troppe opzioni.
questionnaires-scale-out-of-range = Scegli un valore della scala.
questionnaires-date-invalid = Scrivi la data come 2027-03-15.
questionnaires-matrix-incomplete = Scegli una risposta per ogni riga.
home-module-questionnaires-title = Questionari
home-module-questionnaires-description = Indagini strutturate della comunità, con bozze, risultati pubblicati ed esportazioni.
