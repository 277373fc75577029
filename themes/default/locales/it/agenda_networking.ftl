## Agenda: tavoli di networking e resoconto (prassi-agenda, session/networking.rs e session/report.rs)

## Tavoli di networking
agenda-tb-title = Tavoli di networking
agenda-tb-intro = Ai tavoli si incontrano persone di enti diversi per lavorare su un tema, con un facilitatore che ne raccoglie gli esiti. Chi è iscritto all'evento può scegliere un tavolo; chi organizza può assegnare automaticamente chi non l'ha ancora scelto, mescolando gli enti.
agenda-tb-none = Non ci sono ancora tavoli per questo evento.
agenda-tb-table-heading = Tavolo { $number }: { $topic }
agenda-tb-facilitator = Facilitazione
agenda-tb-no-facilitator = Da definire
agenda-tb-seats = Posti
agenda-tb-seats-line = { $left ->
    [one] 1 posto libero
   *[other] { $left } posti liberi
} su { $seats }
agenda-tb-seats-unlimited = { $count ->
    [one] 1 persona, posti senza limite
   *[other] { $count } persone, posti senza limite
}
agenda-tb-people = Chi siede al tavolo
agenda-tb-nobody = Nessuno, per ora.
agenda-tb-how-assigned = assegnato
agenda-tb-your-table = Il tuo tavolo: { $topic }.
agenda-tb-your-table-link = Vai al tavolo
agenda-tb-no-table-yet = Non hai ancora un tavolo: scegline uno qui sotto.
agenda-tb-you-sit-here = Siedi a questo tavolo.
agenda-tb-choose-submit = Scegli questo tavolo
agenda-tb-move-submit = Spostati a questo tavolo
agenda-tb-full = Tavolo al completo.
agenda-tb-outcomes = Esiti
agenda-tb-outcomes-write-link = Scrivi gli esiti
agenda-tb-outcomes-edit-link = Modifica gli esiti
agenda-tb-back-to-event = Torna all'evento
agenda-tb-organisers-title = Per chi organizza
agenda-tb-assign-title = Assegnazione automatica
agenda-tb-unseated = { $count ->
    [0] Tutti gli iscritti hanno un tavolo.
    [one] 1 iscritto non ha ancora un tavolo.
   *[other] { $count } iscritti non hanno ancora un tavolo.
}
agenda-tb-assign-help = L'assegnazione siede chi non ha un tavolo, in ordine di iscrizione finché ci sono posti, evitando due persone dello stesso ente allo stesso tavolo quando è possibile. Chi ha già un tavolo lo mantiene.
agenda-tb-assign-submit = Assegna i tavoli
agenda-tb-define-title = Definisci i tavoli
agenda-tb-field-definitions = Tavoli
agenda-tb-field-definitions-help = Un tavolo per riga: tema | @facilitatore | posti (facilitatore e posti sono facoltativi; senza posti non c'è limite). Un tavolo si riconosce dal tema: se lo togli, chi vi sedeva resta senza tavolo.
agenda-tb-define-submit = Salva i tavoli
agenda-tb-outcomes-title = Esiti del tavolo «{ $topic }»
agenda-tb-outcomes-intro = Scrivi ciò che è emerso al tavolo: proposte, pratiche citate, contatti da riprendere. Gli esiti compaiono nel resoconto dell'evento.
agenda-tb-field-outcomes = Esiti
agenda-tb-field-outcomes-help = Markdown, al massimo 20.000 caratteri. Lascia vuoto per cancellarli.
agenda-tb-outcomes-submit = Salva gli esiti
agenda-tb-back = Torna ai tavoli

# Esiti dei moduli
agenda-tb-saved = Tavoli salvati.
agenda-tb-saved-unseated = Tavoli salvati. Chi sedeva ai tavoli tolti non ha più un tavolo.
agenda-tb-assigned = Tavoli assegnati: ogni iscritto ha un tavolo.
agenda-tb-assigned-some-left = Tavoli assegnati finché c'erano posti: alcuni iscritti sono rimasti senza tavolo.
agenda-tb-chosen = Ecco il tuo tavolo.
agenda-tb-outcomes-saved = Esiti salvati.

# Errori
agenda-tb-line-error = Riga { $line }: { $problem }
agenda-tb-line-invalid = troppe parti separate da «|»: scrivi tema | @facilitatore | posti.
agenda-tb-topic-missing = manca il tema.
agenda-tb-topic-too-long = il tema supera i 200 caratteri.
agenda-tb-topic-bad-characters = il tema contiene caratteri non ammessi.
agenda-tb-topic-duplicate = questo tema è già in un'altra riga.
agenda-tb-facilitator-unknown = il facilitatore non è un membro attivo: scrivi il suo nome utente, ad esempio @mario.rossi.
agenda-tb-facilitator-outside = il facilitatore non fa parte del gruppo di lavoro dell'evento.
agenda-tb-seats-invalid = i posti devono essere un numero intero da 1 a 10.000.
agenda-tb-seats-below-seated = i posti sono meno delle persone già sedute a questo tavolo.
agenda-tb-too-many = Al massimo 50 tavoli per evento.
agenda-tb-not-registered = Solo chi è iscritto all'evento con un posto può scegliere un tavolo.
agenda-tb-event-cancelled = L'evento è stato annullato.
agenda-tb-table-full = Il tavolo è al completo: scegline un altro.

## Resoconto
agenda-rp-title = Resoconto
agenda-rp-heading = Resoconto: { $title }
agenda-rp-event-link = Pagina dell'evento
agenda-rp-publication-title = Pubblicazione nel wiki
agenda-rp-published-at = Pubblicato nel wiki (revisione { $revision }):
agenda-rp-not-published = Il resoconto non è ancora stato pubblicato nel wiki.
agenda-rp-publish-help = La pubblicazione crea nel wiki una pagina con questo resoconto, visibile a chi vede l'evento, che riconosce il lavoro di chi ha organizzato e facilitato i tavoli. Pubblicare di nuovo aggiorna la stessa pagina con una nuova revisione.
agenda-rp-publish-submit = Pubblica nel wiki
agenda-rp-republish-submit = Aggiorna la pagina nel wiki
agenda-rp-programme = Programma
agenda-rp-no-programme = Il programma non è stato indicato.
agenda-rp-questions = Domande con risposta
agenda-rp-no-questions = Nessuna domanda ha ancora ricevuto risposta.
agenda-rp-tables = Esiti dei tavoli
agenda-rp-no-tables = L'evento non ha tavoli di networking.
agenda-rp-no-outcomes = Il facilitatore non ha ancora scritto gli esiti.
agenda-rp-feedback = Feedback
agenda-rp-feedback-line = { $count ->
    [one] 1 valutazione
   *[other] { $count } valutazioni
}, media { $average } su 5.
agenda-rp-no-feedback = Nessun feedback ricevuto.
agenda-rp-organised-by = Organizzazione
agenda-rp-facilitated-by = Facilitazione dei tavoli
agenda-rp-published = Resoconto pubblicato nel wiki.
agenda-rp-republished = Pagina del resoconto aggiornata nel wiki.
agenda-rp-too-long = Il resoconto è troppo lungo per una pagina del wiki: accorcia gli esiti dei tavoli o le risposte.
agenda-rp-title-taken = Tutti i titoli possibili per la pagina del resoconto sono già usati nel wiki.
agenda-rp-publish-conflict = La pagina del resoconto è stata modificata nel frattempo: riprova.
agenda-rp-draft = L'evento è in bozza: pubblicalo prima di pubblicarne il resoconto nel wiki.

# Il testo della pagina del wiki (sempre nella lingua del sito)
agenda-rp-page-title = Resoconto: { $title }
agenda-rp-summary = Resoconto dell'evento «{ $title }»
agenda-rp-category = Resoconti
agenda-rp-md-event = Evento
agenda-rp-md-programme = Programma
agenda-rp-md-questions = Domande e risposte
agenda-rp-md-tables = Tavoli di networking
agenda-rp-md-facilitator = Facilitazione
agenda-rp-md-no-outcomes = Nessun esito registrato.
agenda-rp-md-feedback-title = Feedback
agenda-rp-md-feedback = { $count ->
    [one] 1 valutazione
   *[other] { $count } valutazioni
}, media { $average } su 5.
agenda-rp-md-no-feedback = Nessun feedback ricevuto.
agenda-rp-md-credits = Crediti
agenda-rp-md-organised-by = organizzazione
agenda-rp-md-facilitated-by = facilitazione dei tavoli
agenda-rp-md-back-link = L'evento nell'agenda
