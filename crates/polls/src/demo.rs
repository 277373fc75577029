//! The polls module's demo content, from the sources: the Co.PIS home-page poll "to receive
//! quick feedback on a specific topic" (which of its starting topics to take up at the next
//! meeting, with the members' first votes), a closed ranked poll on the order of the work plan
//! with its instant-runoff rounds and its voters shown, and the closed secret ballot on the
//! community's rules of procedure (the Emilia-Romagna community was co-designed over a year
//! and adopted its own rules) with the decision the referents' assembly recorded.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{Community, DemoContent, COPIS_TOPICS};
use prassi_core::AppResult;
use prassi_db::ids::PollId;
use prassi_db::schema::{poll_options, polls};
use prassi_db::DbConnection;

use crate::service::{self, DecisionInput, PollInput, VoteInput};

/// The polls module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: None,
};

/// Any poll.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    let any: bool =
        diesel::select(diesel::dsl::exists(polls::table.select(polls::id))).get_result(conn)?;
    Ok(any.then(|| "polls".to_owned()))
}

/// The option ids of a poll, in order.
fn option_ids(conn: &mut DbConnection, poll: &PollId) -> AppResult<Vec<String>> {
    Ok(poll_options::table
        .filter(poll_options::poll_id.eq(poll))
        .order(poll_options::position.asc())
        .select(poll_options::id)
        .load::<prassi_db::ids::PollOptionId>(conn)?
        .into_iter()
        .map(|o| o.0)
        .collect())
}

/// Votes: each member and the positions they choose.
fn ballots(run: &mut Community<'_>, poll: &PollId, votes: &[(&str, &[usize])]) -> AppResult<()> {
    let ids = option_ids(run.conn, poll)?;
    for (who, picks) in votes {
        let v = run.viewer(who)?;
        let input = VoteInput {
            options: picks.iter().filter_map(|p| ids.get(*p).cloned()).collect(),
        };
        service::vote(run.conn, &v, Phase::Closed, poll.as_str(), &input)?;
    }
    Ok(())
}

fn community(run: &mut Community<'_>) -> AppResult<()> {
    let phase = Phase::Closed;
    let admin = run.viewer("admin")?;
    let moderator = run.viewer("giulia.rossi")?;
    let in_days = |d: i64| {
        prassi_agenda::time::form_value(chrono::Utc::now().naive_utc() + chrono::Duration::days(d))
    };

    // The home page's poll (Co.PIS).
    let home = service::create(
        run.conn,
        &moderator,
        phase,
        &PollInput {
            question: "Quale tema volete approfondire nel prossimo incontro della comunità?".into(),
            description_md:
                "Un sondaggio veloce per orientare il programma del prossimo incontro: \
                 scegliete **fino a due** temi tra quelli di partenza della comunità. I risultati \
                 sono visibili dopo aver votato; si può cambiare voto fino alla chiusura."
                    .into(),
            kind: "multiple".into(),
            options: COPIS_TOPICS.iter().map(|t| (*t).to_owned()).collect(),
            min_choices: "1".into(),
            max_choices: "2".into(),
            closes_at: in_days(21),
            audience: "members".into(),
            results: "after_vote".into(),
            allow_change: true,
            on_home: true,
            ..PollInput::default()
        },
    )?;
    ballots(
        run,
        &home,
        &[
            ("marco.bianchi", &[0, 1]),
            ("elena.conti", &[1, 3]),
            ("luca.ferrari", &[1]),
            ("sara.gallo", &[4, 1]),
            ("paolo.greco", &[3]),
        ],
    )?;

    // A ranked poll, closed, with its rounds and its voters shown.
    let ranked = service::create(
        run.conn,
        &moderator,
        phase,
        &PollInput {
            question: "In che ordine affrontiamo le priorità del piano di lavoro 2027?".into(),
            description_md: "Ordinate le priorità dalla più urgente: il conteggio a eliminazione \
                 (instant runoff) mostra ogni turno. Sondaggio pubblico: i voti sono nominativi."
                .into(),
            kind: "ranked".into(),
            options: vec![
                "Misurazione e valutazione degli outcome".into(),
                "Appalti per l'innovazione".into(),
                "Finanza di impatto".into(),
                "Programmazione 2021-2027".into(),
            ],
            audience: "public".into(),
            show_voters: true,
            results: "always".into(),
            ..PollInput::default()
        },
    )?;
    ballots(
        run,
        &ranked,
        &[
            ("giulia.rossi", &[0, 1]),
            ("marco.bianchi", &[0, 2]),
            ("elena.conti", &[1, 0]),
            ("luca.ferrari", &[2, 1]),
            ("sara.gallo", &[1, 2]),
            ("paolo.greco", &[3, 2]),
            ("anna.marino", &[2, 0]),
        ],
    )?;
    service::close(run.conn, &admin, phase, ranked.as_str())?;

    // The secret ballot on the rules of procedure, closed, with its decision.
    let secret = service::create(
        run.conn,
        &admin,
        phase,
        &PollInput {
            question: "Approvate il regolamento di funzionamento della comunità di pratica?".into(),
            description_md: "Il regolamento, co-progettato nel gruppo di lavoro dei funzionari, \
                 stabilisce ruoli, modalità di adesione e uso della *Piazza*.\n\n\
                 **Voto segreto**: si sa chi ha votato, non che cosa; i risultati si vedono alla \
                 chiusura."
                .into(),
            kind: "single".into(),
            options: vec![
                "Sì, approvo".into(),
                "No, non approvo".into(),
                "Mi astengo".into(),
            ],
            audience: "members".into(),
            results: "after_close".into(),
            secret: true,
            ..PollInput::default()
        },
    )?;
    ballots(
        run,
        &secret,
        &[
            ("giulia.rossi", &[0]),
            ("marco.bianchi", &[0]),
            ("elena.conti", &[0]),
            ("luca.ferrari", &[1]),
            ("sara.gallo", &[0]),
            ("anna.marino", &[2]),
            ("paolo.greco", &[0]),
        ],
    )?;
    service::close(run.conn, &admin, phase, secret.as_str())?;
    let today = prassi_agenda::time::to_local(chrono::Utc::now().naive_utc()).date();
    service::record_decision(
        run.conn,
        &admin,
        phase,
        secret.as_str(),
        &DecisionInput {
            decision_md: "Il **regolamento di funzionamento** è approvato e si applica dal \
                 prossimo incontro della comunità. Le osservazioni sulla moderazione della \
                 *Piazza* saranno riprese dal gruppo di lavoro dei funzionari entro tre mesi."
                .into(),
            deciders: "Assemblea dei referenti della comunità di pratica".into(),
            decided_on: today.to_string(),
            corrects: String::new(),
        },
    )?;
    Ok(())
}
