# Freschezza della conoscenza: responsabile e data di revisione delle pagine del wiki e delle
# risposte accettate, l'elenco dei contenuti da rivedere. Ogni chiave ha il prefisso review- e
# una gemella in en/review.ftl.

## Messaggi dopo un'azione

review-saved = Responsabile e data di revisione sono stati salvati.
review-removed = La revisione programmata è stata rimossa.
review-marked = Contenuto segnato come rivisto: la prossima revisione è stata programmata.

## Errori

review-owner-required = Indica il nome utente del responsabile della revisione.
review-owner-unknown = Non esiste un account con questo nome utente.
review-owner-not-member = Il responsabile deve essere un membro attivo della comunità.
review-owner-cannot-read = Il responsabile deve poter leggere questo contenuto.
review-date-required = Indica la data entro cui rivedere il contenuto.
review-date-invalid = Scrivi la data nella forma gg/mm/aaaa, per esempio 31/03/2027.
review-date-past = La data di revisione deve essere successiva a oggi.
review-date-too-far = La data di revisione può essere al massimo fra cinque anni.
review-not-owner = Solo il responsabile della revisione può segnare il contenuto come rivisto.
review-not-allowed = Possono impostare la revisione di una risposta chi ha posto la domanda, l'autore della risposta e i moderatori.
review-answer-not-accepted = Solo una risposta accettata può avere un responsabile e una data di revisione.

## Avvisi ai lettori

review-due-prefix = Contenuto da rivedere:
review-due-text = revisione prevista entro il { $date }
review-planned-text = Revisione prevista entro il { $date }
review-owner-label = a cura di
review-no-owner = senza responsabile
review-last-reviewed = Ultima revisione:

## Moduli

review-settings-add = Programma una revisione
review-settings-change = Responsabile e data di revisione
review-field-owner = Responsabile (nome utente)
review-field-owner-help = Un membro della comunità che può leggere questo contenuto: riceverà un avviso quando la revisione è dovuta.
review-field-date = Da rivedere entro il
review-field-date-help = Una data futura, al massimo fra cinque anni (gg/mm/aaaa).
review-save-submit = Salva la revisione
review-remove-submit = Rimuovi la revisione
review-mark-submit = Segna come rivisto
review-mark-inline-help = La prossima revisione sarà fra 12 mesi.
review-mark-other-date-link = Scegli un'altra data
review-mark-title = Segna come rivisto
review-field-next = Prossima revisione entro il
review-field-next-help = Lascia vuoto per fissarla fra 12 mesi.
review-form-title = Revisione di «{ $title }»
review-form-crumb = Revisione
review-form-intro-page = Chi può modificare la pagina ne sceglie il responsabile e la data entro cui rivederla; il responsabile la segna come rivista.
review-form-intro-answer = Chi ha posto la domanda, l'autore della risposta e i moderatori scelgono il responsabile della risposta accettata e la data entro cui rivederla; il responsabile la segna come rivista.
review-not-accepted-note = Questa risposta non è più quella accettata: la sua revisione resta registrata ma non viene mostrata né ricordata.
review-none = Nessuna revisione programmata.
review-back-page = Torna alla pagina
review-back-answer = Torna alla risposta

## Elenchi

review-list-title = Contenuti da rivedere
review-mine-title = Le mie revisioni
review-list-intro = Pagine del wiki e risposte accettate con la revisione scaduta o prevista nei prossimi { $days } giorni, a partire dalla più urgente.
review-mine-intro = Le pagine e le risposte di cui sei responsabile, a partire dalla revisione più vicina.
review-tabs-label = Quali contenuti
review-tab-all = Tutti in scadenza
review-tab-mine = Di cui sono responsabile
review-kind-page = Pagina del wiki
review-kind-answer = Risposta accettata
review-item-due = Da rivedere: prevista entro il { $date }
review-item-planned = Prevista entro il { $date }
review-list-empty = Nessun contenuto da rivedere per ora.
review-mine-empty = Non sei responsabile della revisione di alcun contenuto.
