## Agenda: question time, feedback and certificate of attendance (prassi-agenda, session)

agenda-q-title = Question time
agenda-q-question-title = Domanda per il question time
agenda-q-intro = Invia le tue domande prima o durante l'incontro e sostieni quelle degli altri: gli organizzatori rispondono alle più sostenute durante il question time.
agenda-q-count = { $count ->
    [0] Nessuna domanda finora.
    [one] Una domanda finora.
   *[other] { $count } domande finora.
}
agenda-q-new-title = Fai una domanda
agenda-q-field-body = La tua domanda
agenda-q-field-body-help = Al massimo 1.000 caratteri. Il tuo nome sarà visibile accanto alla domanda.
agenda-q-submit = Invia la domanda
agenda-q-ended = L'incontro è terminato: non si possono più inviare né sostenere domande.
agenda-q-sign-in = Accedi per inviare domande e sostenere quelle degli altri
agenda-q-register-to-ask = Possono inviare e sostenere domande gli iscritti all'incontro e gli organizzatori.
agenda-q-registration-link = Vai all'iscrizione
agenda-q-open-title = { $count ->
    [one] Una domanda in attesa di risposta
   *[other] Domande in attesa di risposta ({ $count })
}
agenda-q-open-empty = Nessuna domanda in attesa di risposta.
agenda-q-answered-title = { $count ->
    [one] Una domanda con risposta
   *[other] Domande con risposta ({ $count })
}
agenda-q-answered-empty = Nessuna domanda ha ancora ricevuto risposta.
agenda-q-hidden-title = { $count ->
    [one] Una domanda nascosta (visibile solo agli organizzatori)
   *[other] Domande nascoste, visibili solo agli organizzatori ({ $count })
}
agenda-q-hidden-empty = Nessuna domanda nascosta.
agenda-q-author-gone = Autore non più iscritto
agenda-q-position-label = posizione { $position }
agenda-q-supports = { $count ->
    [0] Nessun sostegno.
    [one] 1 sostegno.
   *[other] { $count } sostegni.
}
agenda-q-you-support = Sostieni questa domanda.
agenda-q-support-submit = Sostieni
agenda-q-number-context = (domanda { $number })
agenda-q-answered-context = (domanda con risposta { $number })
agenda-q-hidden-context = (domanda nascosta { $number })
agenda-q-open-link = Apri la domanda
agenda-q-back-to-list = Tutte le domande di «{ $title }»
agenda-q-status-open = In attesa di risposta
agenda-q-status-answered = Con risposta
agenda-q-status-hidden = Nascosta
agenda-q-answer-heading = Risposta degli organizzatori
agenda-q-answer-link = Rispondi
agenda-q-manage-title = Per gli organizzatori
agenda-q-field-position = Posizione
agenda-q-field-position-help = L'ordine del question time: 1 per la prima domanda. Lascia vuoto per seguire i sostegni.
agenda-q-position-submit = Salva la posizione
agenda-q-field-answer = Risposta
agenda-q-field-answer-help = Registra la risposta data durante il question time. Puoi usare Markdown; al massimo 10.000 caratteri.
agenda-q-answer-submit = Registra la risposta
agenda-q-answer-change-submit = Modifica la risposta
agenda-q-hide-submit = Nascondi
agenda-q-show-submit = Mostra di nuovo
agenda-q-in-qa-title = Porta nel Q&A
agenda-q-in-qa-intro = La domanda diventa una domanda del Q&A con lo stesso pubblico dell'incontro, posta dal suo autore (o da te, se non è più iscritto); la risposta registrata viene pubblicata a tuo nome e accettata.
agenda-q-field-qa-title = Titolo della domanda nel Q&A
agenda-q-field-qa-title-help = Da 10 a 150 caratteri.
agenda-q-field-qa-tags = Tag
agenda-q-field-qa-tags-help = Da 1 a 5 tag già esistenti, separati da virgole.
agenda-q-in-qa-submit = Pubblica nel Q&A
agenda-q-in-qa-link = La domanda nel Q&A
agenda-q-qa-note = _Domanda posta durante l'incontro [{ $title }]({ $url })._
agenda-q-sent = Domanda inviata.
agenda-q-supported = Hai sostenuto la domanda.
agenda-q-unsupported = Hai ritirato il tuo sostegno.
agenda-q-answered = Risposta registrata.
agenda-q-position-saved = Posizione salvata.
agenda-q-hidden-done = Domanda nascosta.
agenda-q-shown-done = La domanda è di nuovo visibile.
agenda-q-in-qa-done = La domanda è stata pubblicata nel Q&A con la risposta accettata.
agenda-q-not-participant = Possono inviare e sostenere domande solo gli iscritti all'incontro e gli organizzatori.
agenda-q-closed = L'incontro è terminato o annullato: non si possono più inviare domande.
agenda-q-support-own = Non puoi sostenere una tua domanda.
agenda-q-support-closed = Si possono sostenere solo le domande in attesa di risposta, fino alla fine dell'incontro.
agenda-q-hidden = La domanda è nascosta: mostrala di nuovo prima di rispondere.
agenda-q-position-invalid = Indica la posizione con un numero intero da 1 a 9999, oppure lascia vuoto.
agenda-q-already-in-qa = Questa domanda è già stata pubblicata nel Q&A.
agenda-q-not-answered = Si possono pubblicare nel Q&A solo le domande con risposta.

agenda-fb-title = Feedback
agenda-fb-summary-title = Valutazione dei partecipanti
agenda-fb-summary-line = { $count ->
    [one] 1 partecipante ha lasciato un feedback, con una valutazione di { $average } su 5.
   *[other] { $count } partecipanti hanno lasciato un feedback, con una valutazione media di { $average } su 5.
}
agenda-fb-none = Nessun feedback finora.
agenda-fb-distribution-title = Distribuzione delle valutazioni
agenda-fb-col-rating = Valutazione
agenda-fb-col-count = Risposte
agenda-fb-col-percent = Percentuale
agenda-fb-comments-title = { $count ->
    [one] Un commento
   *[other] Commenti ({ $count })
}
agenda-fb-comments-note = I commenti sono mostrati senza nome, perché i partecipanti possano scrivere liberamente.
agenda-fb-comments-empty = Nessun commento.
agenda-fb-comment-rating = Valutazione { $rating } su 5
agenda-fb-give-title = Il tuo feedback
agenda-fb-change-title = Il tuo feedback (puoi modificarlo)
agenda-fb-field-rating = Come valuti l'incontro?
agenda-fb-field-rating-help = Da 1 (per niente soddisfatto) a 5 (molto soddisfatto).
agenda-fb-rating-1 = 1 – Per niente soddisfatto
agenda-fb-rating-2 = 2 – Poco soddisfatto
agenda-fb-rating-3 = 3 – Abbastanza soddisfatto
agenda-fb-rating-4 = 4 – Soddisfatto
agenda-fb-rating-5 = 5 – Molto soddisfatto
agenda-fb-field-comment = Commento
agenda-fb-field-comment-help = Facoltativo, al massimo 2.000 caratteri. Gli organizzatori lo leggono senza il tuo nome.
agenda-fb-submit = Invia il feedback
agenda-fb-change-submit = Aggiorna il feedback
agenda-fb-not-yet-note = Potrai lasciare il tuo feedback al termine dell'incontro.
agenda-fb-cancelled-note = L'incontro è stato annullato: non si raccolgono feedback.
agenda-fb-sign-in = Accedi per lasciare il tuo feedback
agenda-fb-attendees-only = Il feedback è riservato a chi ha partecipato all'incontro.
agenda-fb-certificate-link = Scarica l'attestato di partecipazione
agenda-fb-saved = Grazie: il tuo feedback è stato registrato.
agenda-fb-not-attendee = Il feedback è riservato a chi ha partecipato all'incontro.
agenda-fb-not-yet = Il feedback si può lasciare solo al termine dell'incontro.
agenda-fb-rating-invalid = Scegli una valutazione da 1 a 5.

agenda-cert-title = Attestato di partecipazione
agenda-cert-print-hint = Per salvare l'attestato in PDF o stamparlo, usa il comando Stampa del browser (Ctrl+P, o Cmd+P su Mac) e scegli «Salva come PDF».
agenda-cert-heading = Attestato di partecipazione
agenda-cert-intro = Si attesta che
agenda-cert-attended = ha partecipato all'incontro
agenda-cert-date = Data
agenda-cert-hours = Orario
agenda-cert-hours-line = dalle { $start } alle { $end }
agenda-cert-duration = Durata
agenda-cert-duration-value = { $tenths ->
    [10] 1 ora
   *[other] { $hours } ore
}
agenda-cert-format = Modalità
agenda-cert-organisers = Organizzazione
agenda-cert-issued = Rilasciato il { $date } da { $site }.
agenda-cert-code = Codice dell'attestato: { $code }
agenda-cert-not-attendee = L'attestato è riservato a chi ha partecipato all'incontro.
agenda-cert-not-yet = L'attestato sarà disponibile dall'inizio dell'incontro.
