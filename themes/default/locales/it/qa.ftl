# Domande e risposte: elenco, domanda, risposte, commenti, voti, tag.
# Ogni chiave ha il prefisso qa- e una gemella in en/qa.ftl.

## Sezione ed elenco delle domande (qa/list.html; schede e titoli usati anche dal codice Rust)

qa-section = Domande
qa-tab-newest = Più recenti
qa-tab-active = Attive di recente
qa-tab-unanswered = Senza risposta
qa-tab-votes = Più votate
qa-heading-newest = Domande più recenti
qa-heading-active = Domande con attività recente
qa-heading-unanswered = Domande senza risposta
qa-heading-votes = Domande più votate
qa-tabs-label = Ordina le domande
qa-ask-button = Fai una domanda
qa-browse-tags = Sfoglia i tag
qa-closed-badge = chiusa
qa-has-accepted = con risposta accettata
qa-asked-by = Chiesta da
qa-answered-by = Pubblicata da
qa-edited = modificata
qa-last-activity = ultima attività
qa-tags-label = Tag
qa-list-empty = Non ci sono ancora domande: fai la prima alla comunità.
qa-list-empty-unanswered = Nessuna domanda senza risposta.

## Conteggi

qa-questions-count =
    { $count ->
        [one] { $count } domanda
       *[other] { $count } domande
    }
qa-answers-count =
    { $count ->
        [one] { $count } risposta
       *[other] { $count } risposte
    }
qa-votes-count =
    { $count ->
        [one] { $count } voto
       *[other] { $count } voti
    }
qa-tags-total =
    { $count ->
        [one] { $count } tag
       *[other] { $count } tag
    }
qa-score-total = punteggio { $score }

## Nuova domanda (qa/ask.html)

qa-ask-title = Fai una domanda
qa-ask-intro = Una buona domanda è specifica e dà il contesto: che cosa stai cercando di fare, che cosa hai già provato, quali vincoli ha la tua amministrazione. Prima di chiedere, cerca se qualcuno ha già posto la stessa domanda.
qa-field-title = Titolo
qa-field-title-help = Una domanda specifica, al massimo 150 caratteri.
qa-field-body = Dettagli della domanda
qa-field-body-help = Descrivi il contesto e che cosa ti serve. Puoi usare Markdown: **grassetto**, *corsivo*, elenchi e collegamenti.
qa-field-tags = Tag
qa-field-tags-help = Da 1 a 5 tag esistenti, separati da virgole.
qa-field-tags-available = Tag disponibili: { $tags }.
qa-field-tags-none = Non ci sono ancora tag: chiedi ai moderatori di crearne uno.
qa-field-audience = Chi può leggere la domanda
qa-field-audience-help = Una domanda riservata ai membri non è visibile a chi non fa parte della comunità.
qa-audience-members = Solo i membri della comunità
qa-audience-public = Tutti, anche i visitatori
qa-ask-submit = Pubblica la domanda

## Domanda, risposte e commenti (qa/question.html)

qa-members-only-note = Questa domanda è visibile solo ai membri della comunità.
qa-group-only-note = Questa domanda è visibile solo ai membri di un gruppo.
qa-closed-title = Domanda chiusa.
qa-closed-duplicate = È un duplicato di una domanda già posta: la discussione continua lì.
qa-closed-off-topic = Non riguarda i temi della comunità.
qa-closed-other = Non accetta nuove risposte.
qa-closed-note-label = Nota dei moderatori:
qa-closed-duplicate-link = Vai alla domanda originale
qa-vote-question-label = Voti sulla domanda
qa-vote-answer-label = Voti sulla risposta di { $name }
qa-vote-up = Vota a favore
qa-vote-down = Vota contro
qa-vote-withdraw-hint = Ritira il voto: premi di nuovo lo stesso pulsante.
qa-score-label = Punteggio:
qa-comments-title = Commenti
qa-comment-add = Aggiungi un commento
qa-comment-label-question = Il tuo commento alla domanda
qa-comment-label-answer = Il tuo commento alla risposta di { $name }
qa-comment-help = Al massimo 600 caratteri, solo testo. Usa i commenti per chiedere chiarimenti o suggerire miglioramenti; per rispondere scrivi una risposta.
qa-comment-submit = Pubblica il commento
qa-answers-none = Nessuno ha ancora risposto a questa domanda.
qa-answer-title = Risposta di { $name }
qa-accepted-badge = Risposta accettata
qa-expert-answer-badge = Risposta di un esperto
qa-accept-submit = Accetta questa risposta
qa-unaccept-submit = Annulla l'accettazione
qa-your-answer-title = La tua risposta
qa-field-answer = Testo della risposta
qa-field-answer-help = Rispondi in modo concreto, citando norme, documenti o esperienze. Puoi usare Markdown: **grassetto**, *corsivo*, elenchi e collegamenti.
qa-answer-submit = Pubblica la risposta
qa-answers-closed = La domanda è chiusa: non si possono aggiungere nuove risposte.
qa-answer-login-intro = Vuoi rispondere?
qa-answer-login-link = Accedi per partecipare
qa-answer-pending = Potrai rispondere quando la tua richiesta di adesione sarà approvata.
qa-answer-not-allowed = Il tuo account non può rispondere a questa domanda.

## Tag (qa/tags.html, qa/tag.html)

qa-tags-title = Tag
qa-tags-intro = I tag descrivono i temi delle domande. Scegli un tag per vedere le domande che lo usano e chi risponde più spesso.
qa-tags-empty = Non ci sono ancora tag.
qa-tag-create-title = Crea un tag
qa-tag-create-intro = Solo i moderatori creano i tag, così il vocabolario della comunità resta ordinato.
qa-field-tag-name = Nome
qa-field-tag-name-help = Parole in minuscolo unite da trattini, al massimo 40 caratteri. Per esempio: appalti-innovativi.
qa-field-tag-description = Descrizione
qa-field-tag-description-help = Facoltativa, al massimo 300 caratteri: spiega quando usare il tag.
qa-tag-create-submit = Crea il tag
qa-tag-title = Tag { $name }
qa-tag-empty = Non ci sono ancora domande con questo tag.
qa-top-answerers-title = Chi risponde di più
qa-top-answerers-empty = Nessuno ha ancora risposto alle domande con questo tag.

## Messaggi dei servizi (usati dal codice Rust)

qa-title-too-short = Il titolo deve avere almeno 10 caratteri: formula una domanda specifica.
qa-tags-count = Indica da 1 a 5 tag.
qa-tag-unknown = Uno o più tag non esistono: scegli tra i tag disponibili.
qa-audience-invalid = Scegli dall'elenco chi può leggere la domanda.
qa-question-closed = La domanda è chiusa e non accetta nuove risposte.
qa-vote-invalid = Voto non valido.
qa-vote-own-post = Non puoi votare i tuoi contenuti.
qa-vote-none = Non c'è nessun voto da ritirare.
qa-vote-already = Hai già dato questo voto.
qa-vote-changed = Il voto è cambiato nel frattempo: ricarica la pagina e riprova.
qa-accept-not-allowed = Solo chi ha posto la domanda o un moderatore può accettare una risposta.
qa-tag-name-invalid = Il nome del tag può contenere solo lettere, cifre, punti e trattini.
qa-tag-exists = Esiste già un tag con questo nome.
qa-tag-created = Tag creato.

## Modifica di domande e risposte (qa/edit.html; collegamenti in qa/question.html)

qa-edit-question-title = Modifica la domanda
qa-edit-answer-title = Modifica la risposta
qa-answer-to-label = Risposta alla domanda:
qa-edit-intro = Ogni modifica resta nella cronologia, visibile a chi può leggere la domanda. Usa le modifiche per correggere, chiarire o aggiornare il testo senza cambiarne il senso.
qa-field-summary = Descrivi la modifica
qa-field-summary-help = Facoltativo, al massimo 200 caratteri. Per esempio: corretto il riferimento al decreto.
qa-edit-submit = Salva la modifica
qa-edit-cancel = Annulla
qa-edit-link = Modifica
qa-edit-link-question-context = la domanda
qa-edit-link-answer-context = la risposta di { $name }
qa-history-link = Cronologia
qa-history-link-question-context = della domanda
qa-history-link-answer-context = della risposta di { $name }
qa-edit-count =
    { $count ->
        [one] modificata una volta
       *[other] modificata { $count } volte
    }

## Cronologia delle modifiche (qa/history.html)

qa-history-question-title = Cronologia della domanda
qa-history-answer-title = Cronologia della risposta
qa-history-intro = Ogni revisione mostra che cosa è cambiato rispetto alla precedente; la più recente è in cima.
qa-revisions-count =
    { $count ->
        [one] In tutto una revisione.
       *[other] In tutto { $count } revisioni.
    }
qa-diff-legend-title = Come leggere le modifiche
qa-diff-legend-ins-sample = Testo aggiunto
qa-diff-legend-ins = sottolineato, su fondo verde
qa-diff-legend-del-sample = Testo rimosso
qa-diff-legend-del = barrato, su fondo rosso
qa-diff-legend-equal = Il testo senza segni è rimasto uguale.
qa-diff-ins-start = inizio testo aggiunto
qa-diff-ins-end = fine testo aggiunto
qa-diff-del-start = inizio testo rimosso
qa-diff-del-end = fine testo rimosso
qa-revision-title = Revisione { $number }
qa-revision-original = originale
qa-revision-original-by = Scritta da
qa-revision-edit-by = Modificata da
qa-revision-author-unknown = un account non più attivo
qa-revision-summary-label = Descrizione della modifica:
qa-revision-summary-none = Nessuna descrizione della modifica.
qa-revision-body-label = Testo
qa-revision-body-unchanged = Testo invariato.
qa-history-back = Torna alla domanda

## Chiusura e riapertura (qa/question.html, solo moderatori)

qa-close-title = Chiudi la domanda
qa-close-reason-legend = Motivo della chiusura
qa-close-reason-duplicate = Duplicato di un'altra domanda
qa-close-reason-off-topic = Fuori tema
qa-field-duplicate-of = Indirizzo o identificativo della domanda originale
qa-field-duplicate-of-help = Obbligatorio per i duplicati: incolla l'indirizzo della domanda originale o scrivi il suo numero.
qa-field-close-note = Motivazione
qa-field-close-note-help = Spiega perché la domanda viene chiusa: la motivazione compare sopra la domanda.
qa-close-submit = Chiudi
qa-reopen-submit = Riapri la domanda

## Messaggi di modifica e chiusura (usati dal codice Rust)

qa-edit-not-allowed = Puoi modificare solo i tuoi contributi, salvo tu sia moderatore.
qa-summary-too-long = La descrizione della modifica può avere al massimo 200 caratteri.
qa-close-reason-invalid = Scegli il motivo della chiusura.
qa-duplicate-required = Indica la domanda originale.
qa-duplicate-invalid = La domanda originale non esiste o non è visibile.
qa-duplicate-self = Una domanda non può essere duplicato di sé stessa.
qa-already-closed = La domanda è già chiusa.
qa-not-closed = La domanda non è chiusa.
qa-question-closed-done = Domanda chiusa.
qa-question-reopened = Domanda riaperta.
qa-edit-saved = Modifica salvata.

## Reputazione (qa/reputation.html; punti accanto agli autori in qa/question.html)

qa-rep-title = Come funziona la reputazione
qa-rep-breadcrumb = Reputazione
qa-rep-link = Come funziona la reputazione
qa-rep-lead = La reputazione è un numero che riassume quanto le domande e le risposte di una persona sono state utili agli altri membri della comunità.
qa-rep-earn-title = Come si guadagnano i punti
qa-rep-earn-text = I punti arrivano dai voti che ricevono le tue domande e le tue risposte, e dalle tue risposte che chi ha posto la domanda sceglie come risposta accettata. Un voto contro toglie qualche punto.
qa-rep-table-caption = Punti per ogni azione
qa-rep-col-action = Azione
qa-rep-col-points = Punti
qa-rep-rule-upvote-answer = Una tua risposta riceve un voto a favore
qa-rep-rule-upvote-question = Una tua domanda riceve un voto a favore
qa-rep-rule-accepted = Una tua risposta viene accettata
qa-rep-rule-downvote = Una tua domanda o risposta riceve un voto contro
qa-rep-limits-title = Che cosa non dà punti
qa-rep-limit-self-accept = Se accetti una risposta che hai scritto tu alla tua stessa domanda, non guadagni punti.
qa-rep-limit-self-vote = Non puoi votare le tue domande e le tue risposte: i punti arrivano solo dagli altri.
qa-rep-where-title = Dove si vede
qa-rep-where-text = La reputazione compare nel profilo di ogni membro e accanto al nome di chi scrive domande e risposte.
qa-rep-meaning-title = Che cosa significa
qa-rep-meaning-text = La reputazione è un segno di quanto una persona è stata utile agli altri, non un grado di autorità: chi ha più punti non ha per questo più ragione. Ogni risposta va letta per quello che dice.
qa-rep-experts-text = Gli esperti della comunità sono indicati dal loro ruolo, con l'etichetta «Esperto», non dai punti: si può essere esperti anche con pochi punti.
qa-rep-back = Torna alle domande
qa-rep-author-label = reputazione
qa-rep-points =
    { $count ->
        [one] { $count } punto
       *[other] { $count } punti
    }

## Chiedi a un esperto (qa/question.html)

qa-experts-title = Chiedi a un esperto
qa-experts-intro = Esperti della comunità le cui competenze corrispondono ai tag di questa domanda.
qa-expert-matching = Competenze: { $areas }
qa-expert-invite-submit = Invita a rispondere
qa-expert-invited-badge = Invitato

## Rinominare e unire i tag (qa/tags.html, solo moderatori)

qa-tag-choose = Scegli un tag
qa-tag-rename-title = Rinomina un tag
qa-tag-rename-intro = Le domande che usano il tag prendono il nuovo nome.
qa-field-tag-rename-from = Tag da rinominare
qa-field-tag-new-name = Nuovo nome
qa-tag-rename-submit = Rinomina il tag
qa-tag-merge-title = Unisci due tag
qa-tag-merge-help = Le domande del primo tag passano al secondo; il primo tag viene eliminato.
qa-field-tag-merge-from = Primo tag, da eliminare
qa-field-tag-merge-into = Secondo tag, che resta
qa-tag-merge-submit = Unisci i tag
qa-tag-merge-confirm = Unire i due tag? Il primo tag sarà eliminato e l'operazione non si può annullare.

## Messaggi di esperti, tag, reputazione e attività (usati dal codice Rust)

qa-expert-invited = Invito inviato: l'esperto lo vedrà tra le sue notifiche.
qa-expert-already-invited = Questo esperto è già stato invitato a rispondere.
qa-expert-invalid = Questa persona non è un esperto della comunità.
qa-invite-not-allowed = Solo chi ha posto la domanda o un moderatore può invitare esperti.
qa-tag-renamed = Tag rinominato.
qa-tag-merged = Tag uniti: le domande del primo tag ora usano il secondo.
qa-tag-merge-same = Scegli due tag diversi.
qa-rep-points-label = Reputazione
qa-activity-questions = Domande
qa-activity-answers = Risposte
qa-activity-accepted = Risposte accettate

## Home page block
home-qa-title = Domande recenti
home-qa-empty = Nessuna domanda per ora: sii il primo a chiedere.
home-qa-all = Tutte le domande
home-qa-unanswered =
    { $count ->
        [one] { $count } domanda senza risposta
       *[other] { $count } domande senza risposta
    }

## Home block: questions waiting for the member's expertise
home-qa-expertise-title = Aspettano la tua competenza
home-qa-expertise-areas = Le tue aree di competenza:
home-qa-expertise-empty = Nessuna domanda senza risposta nelle tue aree, per ora.
home-qa-expertise-no-areas = Indica le tue aree di competenza nel profilo: qui vedrai le domande senza risposta che le riguardano.
home-qa-expertise-declare = Indica le tue competenze
home-qa-expertise-all = Tutte le domande senza risposta

## Expert routing: the moderators' queue (/qa/moderazione/in-attesa)
qa-queue-title = Domande in attesa di esperti
qa-queue-link = Domande in attesa di esperti
qa-queue-intro = Domande aperte ancora senza risposte dopo che la piattaforma ha invitato gli esperti. Una domanda senza risposte dopo { $hours ->
        [one] un'ora
       *[other] { $hours } ore
    } invita fino a { $experts ->
        [one] un esperto
       *[other] { $experts } esperti
    } le cui competenze corrispondono ai suoi tag (contano anche gli inviti fatti a mano). Puoi invitare altri esperti.
qa-queue-routing-off = L'invito automatico degli esperti è disattivato: qui restano le domande instradate in precedenza.
qa-queue-count =
    { $count ->
        [0] Nessuna domanda in attesa
        [one] { $count } domanda in attesa
       *[other] { $count } domande in attesa
    }
qa-queue-count-many = Almeno { $count } domande in attesa
qa-queue-asked = Chiesta il
qa-queue-routed = esperti cercati il
qa-queue-invited-title = Esperti invitati
qa-queue-invited-by = invitato da { $name }
qa-queue-invited-by-platform = invitato dalla piattaforma
qa-queue-invited-none = Nessun esperto invitato finora.
qa-queue-suggestions-title = Altri esperti da invitare
qa-queue-suggestions-none = Nessun altro esperto con competenze corrispondenti può rispondere.
qa-queue-empty = Nessuna domanda in attesa: tutte le domande instradate hanno una risposta o sono chiuse.
qa-expert-no-access = Questo esperto non può leggere la domanda (ad esempio non fa parte del gruppo di lavoro).
