//! The Q&A module's demo content: the tag vocabulary (the ten "Veneto in Azione" themes and
//! the Co.PIS topics) and questions from the community's themes for `prassi demo`, and the
//! generated questions, answers, comments, votes and accepted answers of the dataset
//! (`--size`, [`dataset`]). Its parts run after the accounts module's, whose people and
//! generated members write everything here.

mod dataset;

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{viewer, Community, DemoContent, Size, COPIS_TOPICS, VENETO_THEMES};
use prassi_core::AppResult;
use prassi_db::DbConnection;

use crate::service::{self, QuestionInput, TagInput, VoteInput};

pub use dataset::{BIG_ANSWERS, BIG_COMMENTS, BIG_TITLE};

/// The Q&A module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: Some(dataset::dataset),
};

/// How much of the dataset the Q&A module generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub questions: usize,
    /// Answers in all, the big question's 30 and the heavy questions' included.
    pub answers: usize,
    /// Comments in all, the big question's 60 included.
    pub comments: usize,
    pub votes: usize,
    /// Answers of the few heavy questions (besides the big question).
    pub heavy: &'static [usize],
}

impl Shape {
    /// The Q&A part of a dataset size.
    pub fn of(size: Size) -> Shape {
        match size {
            Size::Small => Shape {
                questions: 200,
                answers: 1_000,
                comments: 400,
                votes: 2_400,
                heavy: &[60, 120],
            },
            Size::Large => Shape {
                questions: 10_000,
                answers: 100_000,
                comments: 30_000,
                votes: 240_000,
                heavy: &[250, 400, 800],
            },
        }
    }
}

/// Tags or questions.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::dsl::exists;
    use prassi_db::schema::{questions, tags};
    let any = diesel::select(exists(tags::table.select(tags::id))).get_result(conn)?
        || diesel::select(exists(questions::table.select(questions::id))).get_result(conn)?;
    Ok(any.then(|| "Q&A content (tags or questions)".to_owned()))
}

/// Tags of the Q&A vocabulary: the ten themes and the Co.PIS topics.
const TAGS: [(&str, &str); 15] = [
    ("innovazione-sociale", VENETO_THEMES[0]),
    ("inclusione", VENETO_THEMES[1]),
    ("contrasto-poverta", VENETO_THEMES[2]),
    ("pubblico-privato", VENETO_THEMES[3]),
    ("rigenerazione-urbana", VENETO_THEMES[4]),
    ("commercio-urbano", VENETO_THEMES[5]),
    ("digitalizzazione", VENETO_THEMES[6]),
    ("gestione-associata", VENETO_THEMES[7]),
    ("economia-circolare", VENETO_THEMES[8]),
    ("public-management", VENETO_THEMES[9]),
    ("appalti-innovazione", COPIS_TOPICS[0]),
    ("valutazione-outcome", COPIS_TOPICS[1]),
    ("pbr-contabilita", COPIS_TOPICS[2]),
    ("finanza-impatto", COPIS_TOPICS[3]),
    ("programmazione-2021-2027", COPIS_TOPICS[4]),
];

/// The tags, and questions from the community's themes: answered, accepted, expert answers,
/// votes, comments and one still waiting for an answer, routed to a matching expert. Records
/// the first accepted answer for later modules (`qa.accepted-answer`: its id;
/// `qa.accepted-answer.title`: its question's title).
fn community(run: &mut Community<'_>) -> AppResult<()> {
    let conn = &mut *run.conn;
    let admin = viewer(conn, "admin")?;
    for (name, description) in TAGS {
        service::create_tag(
            conn,
            &admin,
            &TagInput {
                name: name.into(),
                description: description.into(),
            },
        )?;
    }
    let phase = Phase::Closed;
    let ask = |conn: &mut DbConnection,
               who: &str,
               title: &str,
               body: &str,
               tags: &str,
               audience: &str| {
        let v = viewer(conn, who)?;
        service::ask(
            conn,
            &v,
            phase,
            &QuestionInput {
                lang: String::new(),
                title: title.into(),
                body_md: body.into(),
                tags: tags.into(),
                audience: audience.into(),
            },
        )
    };
    let answer = |conn: &mut DbConnection, who: &str, q: &prassi_db::QuestionId, body: &str| {
        let v = viewer(conn, who)?;
        service::answer(conn, &v, phase, q, body)
    };
    let vote = |conn: &mut DbConnection, who: &str, kind: &str, id: &str, value: i32| {
        let v = viewer(conn, who)?;
        service::vote(
            conn,
            &v,
            phase,
            &VoteInput {
                kind: kind.into(),
                id: id.into(),
                value,
            },
        )
        .map(|_| ())
    };

    let q1_title = "Come impostare un appalto pre-commerciale per un servizio sociale innovativo?";
    let q1 = ask(conn, "luca.ferrari",
        q1_title,
        "Nel nostro progetto FIS vorremmo sperimentare un servizio di **assistenza domiciliare** con tecnologie che sul mercato ancora non esistono. \
         Qualcuno ha già usato un appalto pre-commerciale (PCP) per servizi sociali? Come avete definito le fasi e i criteri di valutazione?",
        "appalti-innovazione, innovazione-sociale", "members")?;
    let a1 = answer(conn, "marco.bianchi", &q1,
        "Sì: il PCP funziona bene se il fabbisogno è descritto in termini di **risultati attesi** e non di soluzioni.\n\n\
         1. Consultazione preliminare di mercato, aperta e documentata;\n2. tre fasi competitive (ideazione, prototipo, sperimentazione sul campo) con riduzione progressiva dei concorrenti;\n\
         3. criteri legati agli *outcome* per gli utenti, misurati in modo indipendente.\n\nFate attenzione alla ripartizione dei diritti di proprietà intellettuale: va decisa nel bando.")?;
    let a2 = answer(conn, "sara.gallo", &q1,
        "Noi a Padova abbiamo iniziato dalla consultazione di mercato: è servita anche a capire che una parte del servizio si poteva comprare con una gara ordinaria.")?;
    vote(conn, "sara.gallo", "question", q1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", a1.as_str(), 1)?;
    vote(conn, "paolo.greco", "answer", a1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", a2.as_str(), 1)?;
    let v = viewer(conn, "luca.ferrari")?;
    service::accept(conn, &v, phase, &q1, Some(&a1))?;
    service::comment(
        conn,
        &v,
        phase,
        &q1,
        Some(&a1),
        "Grazie, la parte sulla proprietà intellettuale ci era sfuggita.",
    )?;

    let q2 = ask(conn, "paolo.greco",
        "Quali indicatori di outcome usare per un progetto di inclusione lavorativa?",
        "Dobbiamo rendicontare al finanziatore non solo le attività ma gli **esiti** per le persone accolte. Che indicatori avete usato, e con quale follow-up?",
        "valutazione-outcome, inclusione", "members")?;
    let b1 = answer(conn, "elena.conti", &q2,
        "Tre famiglie di indicatori, concordate all'avvio con il finanziatore:\n\n\
         - **occupazione**: contratto attivo a 6 e 12 mesi dalla fine del percorso;\n- **autonomia**: abitazione e reddito, con una scala semplice;\n\
         - **relazioni**: rete di supporto dichiarata.\n\nMeglio pochi indicatori misurati bene che molti raccolti male.")?;
    let b2 = answer(conn, "marco.bianchi", &q2,
        "Aggiungo: se prevedete uno schema *pay-by-result*, definite prima il gruppo di confronto, altrimenti l'esito non è attribuibile al progetto.")?;
    vote(conn, "paolo.greco", "answer", b1.as_str(), 1)?;
    vote(conn, "luca.ferrari", "answer", b1.as_str(), 1)?;
    vote(conn, "paolo.greco", "answer", b2.as_str(), 1)?;
    let v = viewer(conn, "paolo.greco")?;
    service::accept(conn, &v, phase, &q2, Some(&b1))?;

    let q3 = ask(conn, "sara.gallo",
        "Gestione associata dei servizi sociali: convenzione o unione di comuni?",
        "Quattro piccoli comuni vogliono gestire insieme i servizi sociali. Meglio una convenzione con comune capofila o un'unione? Quali problemi avete incontrato?",
        "gestione-associata, public-management", "members")?;
    answer(conn, "giulia.rossi", &q3,
        "Dipende dalla stabilità che cercate: la convenzione è più rapida da attivare, l'unione dà un'organizzazione propria. Nei laboratori Formez abbiamo visto funzionare bene la convenzione come primo passo.")?;
    vote(conn, "luca.ferrari", "question", q3.as_str(), 1)?;

    let q4 = ask(conn, "luca.ferrari",
        "Esperienze di co-progettazione con il Terzo Settore dopo il Codice (art. 55)?",
        "Stiamo preparando un avviso di co-progettazione. Qualcuno può condividere come ha organizzato i tavoli e la valutazione delle proposte?",
        "innovazione-sociale, pubblico-privato", "members")?;
    // The question still waiting is routed as the hourly pass would an hour from now (its
    // tags match Elena Conti's expertise): the demo holds an expert invitation by the
    // platform, and the moderators' queue shows it.
    service::routing::route_question(
        conn,
        &prassi_core::config::ExpertRouting {
            after_hours: 1,
            ..Default::default()
        },
        phase,
        &q4,
        prassi_db::now() + chrono::Duration::hours(1),
    )?;

    ask(conn, "giulia.rossi",
        "Dove si trova il calendario degli incontri della comunità di pratica?",
        "Gli incontri durano quattro ore: introduzione, talk degli esperti, question time, tavoli di networking e restituzione. Dove trovo date e programma?",
        "public-management", "public")?;
    run.record("qa.accepted-answer", a1.as_str());
    run.record("qa.accepted-answer.title", q1_title);
    Ok(())
}
