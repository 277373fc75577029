## Notifications (prassi-notifications)
notifications-title = Notifiche
notifications-unread-count = { $count ->
    [0] Nessuna notifica da leggere.
    [one] Una notifica da leggere.
   *[other] { $count } notifiche da leggere.
}
notifications-show-all = Mostra tutte
notifications-show-unread = Mostra solo da leggere
notifications-settings-link = Impostazioni delle notifiche
notifications-mark-all-read = Segna tutte come lette
notifications-all-read-done = Tutte le notifiche sono segnate come lette.
notifications-mark-read = Segna come letta
notifications-new = Nuova
notifications-someone = La comunità
notifications-empty = Nessuna notifica, per ora.
notifications-older = Notifiche precedenti
notifications-settings-title = Impostazioni delle notifiche
notifications-settings-intro = Scegli come ricevere ciascun tipo di notifica: solo nella piattaforma, anche per email subito, anche nel riepilogo periodico, oppure per niente.
notifications-settings-save = Salva le impostazioni
notifications-settings-saved = Impostazioni delle notifiche salvate.
notifications-settings-feeds = Preferisci un lettore di feed?
notifications-settings-feeds-link = Feed Atom della comunità
notifications-channel-web = Solo nella piattaforma
notifications-channel-email = Anche per email, subito
notifications-channel-digest = Anche nel riepilogo
notifications-channel-off = Mai
notifications-kind-unknown = Tipo di notifica sconosciuto.
notifications-channel-unknown = Scegli una delle opzioni proposte.
notifications-watch-kind-unknown = Questo elemento non si può seguire.
notifications-watch-level-unknown = Scegli se seguire, ricevere il normale o silenziare.
notifications-watch-saved = Preferenza di notifica salvata.
notifications-unsubscribe-title = Smetti di ricevere queste email
notifications-unsubscribe-intro = Confermi di non voler più ricevere per email questo tipo di notifica? Continuerai a vederle nella piattaforma.
notifications-unsubscribe-confirm = Non inviarmi più queste email
notifications-unsubscribe-done = Fatto: non riceverai più email per questo tipo di notifica. Puoi cambiare idea nelle impostazioni.
mail-notify-why = Ricevi questa email perché partecipi a { $site }.
mail-notify-settings = Scegli quali notifiche ricevere:
mail-notify-unsubscribe = Non ricevere più email di questo tipo:

## One line per kind: what happened (actor: who did it)
notif-accounts-member-approved = La tua richiesta di adesione è stata approvata
notif-accounts-role-changed = Il tuo ruolo nella comunità è cambiato
notif-accounts-invitation-accepted = { $actor } ha accettato il tuo invito
notif-qa-question-asked = { $actor } ha fatto una domanda su un tema che segui
notif-qa-answer-posted = { $actor } ha risposto
notif-qa-comment-posted = { $actor } ha commentato
notif-qa-answer-accepted = { $actor } ha accettato la tua risposta
notif-qa-expert-invited = { $actor } ti invita a rispondere come esperto
notif-qa-question-closed = { $actor } ha chiuso la domanda
notif-forum-discussion-started = { $actor } ha aperto una discussione
notif-forum-reply-posted = { $actor } ha risposto nella discussione
notif-forum-member-mentioned = { $actor } ti ha menzionato
notif-wiki-page-created = { $actor } ha creato una pagina
notif-wiki-page-edited = { $actor } ha modificato una pagina che segui
notif-wiki-talk-posted = { $actor } ha scritto nella discussione di una pagina che segui
notif-wiki-answer-promoted = { $actor } ha portato la tua risposta nel wiki
notif-groups-requested = { $actor } chiede di entrare nel gruppo
notif-groups-request-decided = { $actor } ha deciso sulla tua richiesta di entrare nel gruppo
notif-groups-invited = { $actor } ti invita nel gruppo
notif-groups-member-joined = { $actor } è entrato nel gruppo
notif-groups-publication-proposed = { $actor } propone di pubblicare una pagina del gruppo
notif-groups-publication-decided = { $actor } ha deciso sulla pubblicazione proposta

## The kinds, as the settings page names them
notifications-kind-accounts-member-approved = Approvazione della mia adesione
notifications-kind-accounts-role-changed = Cambi del mio ruolo
notifications-kind-qa-question-asked = Nuove domande nei temi che seguo
notifications-kind-qa-answer-posted = Risposte alle domande che faccio o seguo
notifications-kind-qa-comment-posted = Commenti alle domande e risposte che seguo
notifications-kind-qa-answer-accepted = Le mie risposte accettate
notifications-kind-qa-expert-invited = Inviti a rispondere come esperto
notifications-kind-qa-question-closed = Chiusura delle mie domande
notifications-kind-forum-discussion-started = Nuove discussioni nelle categorie che seguo
notifications-kind-forum-reply-posted = Risposte nelle discussioni a cui partecipo o che seguo
notifications-kind-forum-member-mentioned = Menzioni
notifications-kind-wiki-page-edited = Modifiche alle pagine che seguo
notifications-kind-wiki-talk-posted = Discussioni delle pagine che seguo
notifications-kind-groups-requested = Richieste di entrare nei gruppi che coordino
notifications-kind-groups-request-decided = Decisioni sulle mie richieste di entrare in un gruppo
notifications-kind-groups-invited = Inviti nei gruppi
notifications-kind-groups-member-joined = Nuovi membri nei gruppi che coordino
notifications-kind-groups-publication-proposed = Proposte di pubblicazione (moderatori)
notifications-kind-groups-publication-decided = Decisioni sulle mie proposte di pubblicazione
notif-wiki-review-due = È il momento di rivedere una pagina di cui sei responsabile
notif-qa-review-due = È il momento di rivedere una risposta accettata di cui sei responsabile
notifications-kind-wiki-review-due = Pagine da rivedere di cui sono responsabile
notifications-kind-qa-review-due = Risposte accettate da rivedere di cui sono responsabile

## Il riepilogo per email
notifications-digest-legend = Riepilogo per email
notifications-digest-hint = Un riassunto di ciò che è successo nella comunità dall'ultimo riepilogo, in ciò che puoi leggere: le notifiche che mandi al riepilogo, le nuove domande nei tag che segui, le risposte, le modifiche al wiki, i nuovi eventi e sondaggi. Non arriva mai se non c'è nulla di nuovo.
notifications-digest-daily = Ogni giorno
notifications-digest-weekly = Ogni settimana
notifications-digest-off = Mai
notifications-digest-unknown = Scegli ogni giorno, ogni settimana o mai.
notifications-kind-digest = Il riepilogo per email
notifications-unsubscribe-intro-digest = Confermi di non voler più ricevere il riepilogo per email? Potrai riattivarlo nelle impostazioni.
notifications-unsubscribe-done-digest = Fatto: non riceverai più il riepilogo per email. Puoi cambiare idea nelle impostazioni.
mail-digest-subject-daily = { $site }: il tuo riepilogo del giorno
mail-digest-subject-weekly = { $site }: il tuo riepilogo della settimana
mail-digest-intro-daily = Ciò che è successo in { $site } dal riepilogo di ieri.
mail-digest-intro-weekly = Ciò che è successo in { $site } dal riepilogo della settimana scorsa.
mail-digest-notifications = Per te
mail-digest-questions = Nuove domande nei tag che segui
mail-digest-questions-community = Nuove domande nella comunità
mail-digest-answers = Nuove risposte nelle discussioni e nei tag che segui
mail-digest-pages = Modifiche alle pagine del wiki che segui
mail-digest-pages-community = Pagine del wiki modificate
mail-digest-events = Nuovi eventi in agenda
mail-digest-polls = Sondaggi e questionari aperti
mail-digest-why = Ricevi questo riepilogo perché partecipi a { $site }.
mail-digest-unsubscribe = Non ricevere più il riepilogo:

## Agenda, sondaggi e questionari
notif-agenda-registered = La tua iscrizione è registrata (o sei in lista d'attesa)
notif-agenda-promoted = Si è liberato un posto: ora sei iscritto
notif-agenda-event-changed = { $actor } ha cambiato data, orario, luogo o stato di un evento a cui sei iscritto
notif-agenda-event-cancelled = { $actor } ha annullato un evento a cui eri iscritto
notif-polls-closing-soon = Un sondaggio a cui non hai ancora risposto chiude entro un giorno
notif-questionnaires-closing-soon = Un questionario a cui non hai ancora risposto chiude entro un giorno
notifications-kind-agenda-registered = Conferme delle mie iscrizioni agli eventi
notifications-kind-agenda-promoted = Posti assegnati dalla lista d'attesa
notifications-kind-agenda-event-changed = Cambiamenti agli eventi a cui sono iscritto
notifications-kind-agenda-event-cancelled = Eventi annullati a cui ero iscritto
notifications-kind-polls-closing-soon = Sondaggi dei miei gruppi in chiusura
notifications-kind-questionnaires-closing-soon = Questionari in chiusura a cui non ho risposto

## Seguire un elemento
notifications-watch-label = Notifiche
notifications-watch-watching = Segui: avvisami di ogni novità
notifications-watch-normal = Normale: solo ciò che mi riguarda
notifications-watch-muted = Silenzia: nessun avviso
notifications-watch-save = Salva
notifications-kind-wiki-answer-promoted = Mie risposte portate nel wiki
notifications-kind-accounts-invitation-accepted = Inviti che ho mandato e sono stati accettati
