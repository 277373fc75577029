//! The questionnaires' demo content, from the sources (PartecipazioneER, `003`): the
//! Emilia-Romagna community of participatory practices "started from an internal survey, a
//! questionnaire on participation activities in the Region", whose analysis found the
//! regional staff working on participatory processes, and whose results were published.
//!
//! The demo runs the polls' part first (this is the module's one [`DemoContent`]), then makes
//! the questionnaire — a named one, with sections on the processes followed, methods and
//! tools, difficulties and training needs, and a question of every kind — answered by the
//! community's members and by thirteen regional staff the survey reached (accounts made here
//! with the demo password, in the Region's organisation), then closed with its results
//! published.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{Community, DemoContent};
use prassi_core::AppResult;
use prassi_db::models::{User, UserInsertForm};
use prassi_db::schema::{questionnaires, users};
use prassi_db::{AccountStatus, DbConnection, Role, UserId};
use serde_json::{json, Value};

use super::create::{QuestionInput, QuestionnaireInput, SectionInput};
use super::respond::ResponseInput;
use super::view::Structure;
use super::{create, manage, respond};

/// The module's demo content: the polls' part, then the questionnaire.
pub const DEMO: DemoContent = DemoContent {
    after: crate::demo::DEMO.after,
    existing,
    community,
    dataset: crate::demo::DEMO.dataset,
};

/// Any poll or questionnaire.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    if let Some(what) = (crate::demo::DEMO.existing)(conn)? {
        return Ok(Some(what));
    }
    let any: bool = diesel::select(diesel::dsl::exists(
        questionnaires::table.select(questionnaires::id),
    ))
    .get_result(conn)?;
    Ok(any.then(|| "questionnaires".to_owned()))
}

/// The regional staff the survey reached, beyond the community's members.
const STAFF: [(&str, &str, &str); 13] = [
    (
        "chiara.montanari",
        "Chiara Montanari",
        "Funzionaria, Servizio pianificazione territoriale",
    ),
    (
        "stefano.barbieri",
        "Stefano Barbieri",
        "Funzionario, Area politiche sociali",
    ),
    (
        "francesca.guidi",
        "Francesca Guidi",
        "Funzionaria, Gabinetto della Presidenza",
    ),
    (
        "matteo.rinaldi",
        "Matteo Rinaldi",
        "Funzionario, Servizio difesa del suolo",
    ),
    (
        "valentina.benassi",
        "Valentina Benassi",
        "Funzionaria, Servizio sanità pubblica",
    ),
    (
        "davide.ferrari",
        "Davide Ferrari",
        "Funzionario, Direzione agricoltura",
    ),
    (
        "laura.zanni",
        "Laura Zanni",
        "Funzionaria, Servizio cultura e giovani",
    ),
    (
        "andrea.pagani",
        "Andrea Pagani",
        "Funzionario, Servizio mobilità sostenibile",
    ),
    (
        "elisa.bertoni",
        "Elisa Bertoni",
        "Funzionaria, Agenzia per la sicurezza territoriale",
    ),
    (
        "giorgio.neri",
        "Giorgio Neri",
        "Funzionario, Servizio statistica",
    ),
    (
        "silvia.casadei",
        "Silvia Casadei",
        "Funzionaria, Area innovazione e semplificazione",
    ),
    (
        "roberto.morandi",
        "Roberto Morandi",
        "Funzionario, Servizio turismo e commercio",
    ),
    (
        "marta.tosi",
        "Marta Tosi",
        "Funzionaria, Servizio comunicazione",
    ),
];

/// The community's members who answer too.
const MEMBERS: [&str; 7] = [
    "anna.marino",
    "giulia.rossi",
    "marco.bianchi",
    "elena.conti",
    "luca.ferrari",
    "sara.gallo",
    "paolo.greco",
];

/// The regional staff's accounts: approved members of the Region, with the demo password
/// (the hash of a member made before, as the generated dataset shares one).
fn staff(run: &mut Community<'_>) -> AppResult<()> {
    let t: User = users::table
        .filter(users::username.eq("anna.marino"))
        .select(User::as_select())
        .first(run.conn)?;
    let now = prassi_db::now();
    for (username, name, job) in STAFF {
        let email = format!("{username}@demo.prassi.invalid");
        diesel::insert_into(users::table)
            .values(UserInsertForm {
                id: &UserId::new(),
                username,
                email: &email,
                password_hash: &t.password_hash,
                display_name: name,
                role: Role::Member,
                status: AccountStatus::Active,
                email_verified_at: Some(now),
                organisation_id: t.organisation_id.as_ref(),
                job_title: job,
                bio_md: "",
                directory_consent: false,
                consent_at: None,
                request_note: "",
                locale: None,
                created_at: now,
                updated_at: now,
                password_changed_at: now,
            })
            .execute(run.conn)?;
        run.logins.accounts.push((username.to_owned(), "member"));
    }
    Ok(())
}

fn q(kind: &str, text: &str) -> QuestionInput {
    QuestionInput {
        kind: kind.into(),
        text: text.into(),
        ..QuestionInput::default()
    }
}

fn choice(kind: &str, text: &str, options: &[&str], required: bool) -> QuestionInput {
    QuestionInput {
        required,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        ..q(kind, text)
    }
}

fn scale(text: &str, max: &str, low: &str, high: &str) -> QuestionInput {
    QuestionInput {
        required: true,
        scale_max: max.into(),
        scale_min_label: low.into(),
        scale_max_label: high.into(),
        ..q("scale", text)
    }
}

fn matrix(text: &str, rows: &[&str], columns: &[&str]) -> QuestionInput {
    QuestionInput {
        required: true,
        rows: rows.iter().map(|o| (*o).to_owned()).collect(),
        columns: columns.iter().map(|o| (*o).to_owned()).collect(),
        ..q("matrix", text)
    }
}

fn section(title: &str, intro: &str, questions: Vec<QuestionInput>) -> SectionInput {
    SectionInput {
        title: title.into(),
        intro_md: intro.into(),
        questions,
    }
}

/// The survey.
fn survey() -> QuestionnaireInput {
    let mut tools = choice(
        "multiple",
        "Quali metodi e strumenti hai usato nei processi che hai seguito?",
        &[
            "Focus group",
            "World café",
            "Open space technology",
            "Laboratori di co-progettazione",
            "Questionari e sondaggi online",
            "Passeggiate di quartiere",
            "Piazza su PartecipazioneER",
        ],
        true,
    );
    tools.max_choices = "4".into();
    let mut topics = choice(
        "multiple",
        "Su quali temi vorresti formarti con la comunità?",
        &[
            "Facilitazione di gruppi",
            "Creative problem solving",
            "Gestione dei conflitti",
            "Valutazione dei processi partecipativi",
            "Comunicazione e restituzione degli esiti",
        ],
        false,
    );
    topics.max_choices = "3".into();
    let mut last = q(
        "short_text",
        "Il titolo dell'ultimo processo partecipativo che hai seguito",
    );
    last.help = "Anche un titolo di lavoro va bene.".into();
    QuestionnaireInput {
        title: "Indagine interna sulle attività di partecipazione in Regione".into(),
        description_md: "Il gruppo di lavoro che ha co-progettato la **comunità di pratiche \
            partecipative** vuole conoscere chi, nelle strutture regionali, si occupa a vario \
            titolo di processi partecipativi: quali percorsi ha seguito, con quali metodi, \
            con quali difficoltà e di quale formazione avrebbe bisogno.\n\n\
            I risultati saranno analizzati dal gruppo di lavoro e pubblicati nella *Piazza* \
            della comunità su PartecipazioneER. Il questionario è **nominativo**: ci serve \
            per invitarti a far parte della comunità."
            .into(),
        sections: vec![
            section(
                "Chi sei",
                "",
                vec![
                    choice(
                        "single",
                        "In quale area lavori?",
                        &[
                            "Cura del territorio e dell'ambiente",
                            "Cura della persona, salute e welfare",
                            "Economia della conoscenza, del lavoro e dell'impresa",
                            "Agricoltura, caccia e pesca",
                            "Risorse, Europa, innovazione e istituzioni",
                            "Agenzie e istituti regionali",
                        ],
                        true,
                    ),
                    choice(
                        "single",
                        "Da quanto tempo ti occupi di processi partecipativi?",
                        &["Meno di 2 anni", "Da 2 a 5 anni", "Più di 5 anni"],
                        true,
                    ),
                ],
            ),
            section(
                "I processi partecipativi che hai seguito",
                "Pensa ai percorsi degli **ultimi tre anni**, anche quelli finanziati dal \
                 bando regionale sulla partecipazione.",
                vec![
                    choice(
                        "single",
                        "Quanti processi partecipativi hai seguito negli ultimi tre anni?",
                        &["Nessuno", "1 o 2", "Da 3 a 5", "Più di 5"],
                        true,
                    ),
                    last,
                    q("date", "Quando si è concluso l'ultimo processo che hai seguito?"),
                ],
            ),
            section(
                "Metodi e strumenti",
                "",
                vec![
                    tools,
                    matrix(
                        "Nella tua esperienza, quanto sono efficaci questi strumenti?",
                        &[
                            "Incontri in presenza",
                            "Strumenti online",
                            "Laboratori di co-progettazione",
                        ],
                        &["Poco efficace", "Abbastanza efficace", "Molto efficace"],
                    ),
                ],
            ),
            section(
                "Difficoltà",
                "",
                vec![
                    matrix(
                        "Quanto spesso hai incontrato queste difficoltà?",
                        &[
                            "Coinvolgere i cittadini meno attivi",
                            "Conciliare i tempi amministrativi con quelli del processo",
                            "Restituire gli esiti ai partecipanti",
                            "Far entrare gli esiti nelle decisioni",
                        ],
                        &["Mai", "A volte", "Spesso"],
                    ),
                    q(
                        "long_text",
                        "Racconta una difficoltà che hai incontrato e come l'hai affrontata",
                    ),
                ],
            ),
            section(
                "Bisogni formativi",
                "La comunità organizzerà attività di **imparare facendo**: coaching \
                 reciproco, pratica sul campo, condivisione di esperienze.",
                vec![
                    scale(
                        "Quanto ti senti preparato o preparata a facilitare un processo partecipativo?",
                        "5",
                        "Per nulla",
                        "Del tutto",
                    ),
                    topics,
                    scale(
                        "Quanto saresti disponibile a condividere la tua esperienza con i colleghi?",
                        "10",
                        "Per nulla disponibile",
                        "Del tutto disponibile",
                    ),
                ],
            ),
        ],
        audience: "members".into(),
        closes_at: prassi_agenda::time::form_value(
            chrono::Utc::now().naive_utc() + chrono::Duration::days(30),
        ),
        ..QuestionnaireInput::default()
    }
}

const TITLES: [&str; 6] = [
    "Bilancio partecipativo del quartiere Navile",
    "Piano dell'aria integrato regionale: percorso di ascolto",
    "Co-progettazione dei servizi per gli anziani nell'Appennino",
    "Patto per il lavoro e per il clima: tavoli territoriali",
    "Laboratorio giovani e aree interne",
    "Contratto di fiume del Reno",
];

const STORIES: [&str; 5] = [
    "Agli incontri serali venivano sempre le stesse persone: abbiamo portato i tavoli nei \
     mercati e davanti alle scuole, e sono arrivate famiglie che non avevamo mai visto.",
    "I tempi della delibera non coincidevano con quelli del percorso; abbiamo concordato \
     con la dirigenza un calendario condiviso e una restituzione intermedia.",
    "Gli esiti rischiavano di restare in un report: abbiamo chiesto agli assessori di \
     rispondere per iscritto, proposta per proposta.",
    "Il confronto online era dominato da pochi: abbiamo alternato strumenti digitali e \
     laboratori in presenza con una facilitazione esterna.",
    "Mancavano competenze di facilitazione nel gruppo: ci siamo affiancati a colleghi di \
     un'altra direzione che avevano già seguito un percorso simile.",
];

/// A respondent's answers, varied by their place `k` in the list.
fn answers(s: &Structure, k: usize) -> ResponseInput {
    let mut out = std::collections::BTreeMap::new();
    let ids = |i: usize, axis: &str| -> Vec<String> {
        s.questions
            .get(i)
            .map(|q| {
                s.options_of(&q.id, axis)
                    .iter()
                    .map(|o| o.id.0.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    let pick = |v: &[String], n: usize| -> Value {
        v.get(n % v.len().max(1)).map_or(Value::Null, |x| json!(x))
    };
    let qid = |i: usize| {
        s.questions
            .get(i)
            .map(|q| q.id.0.clone())
            .unwrap_or_default()
    };
    let grid = |i: usize, cols: &[usize]| -> Value {
        let rows = ids(i, "row");
        let columns = ids(i, "column");
        Value::Object(
            rows.iter()
                .zip(cols)
                .map(|(r, c)| (r.clone(), pick(&columns, *c)))
                .collect(),
        )
    };
    let experienced = k % 4 != 3;
    out.insert(
        qid(0),
        pick(
            &ids(0, "choice"),
            [0, 1, 4, 0, 2, 1, 3, 5, 0, 4, 1, 2][k % 12],
        ),
    );
    out.insert(
        qid(1),
        pick(&ids(1, "choice"), [1, 2, 0, 1, 2, 1, 0][k % 7]),
    );
    out.insert(
        qid(2),
        pick(&ids(2, "choice"), if experienced { 1 + k % 3 } else { 0 }),
    );
    if experienced {
        out.insert(qid(3), json!(TITLES[k % TITLES.len()]));
        out.insert(
            qid(4),
            json!(format!("2026-{:02}-{:02}", 1 + k % 11, 3 + k % 25)),
        );
    }
    let tools = ids(5, "choice");
    let mut positions: Vec<usize> = [k % 7, (k + 3) % 7, (k * 2 + 1) % 7]
        .into_iter()
        .take(1 + k % 3)
        .collect();
    positions.sort_unstable();
    positions.dedup();
    let picked: Vec<Value> = positions.into_iter().map(|p| pick(&tools, p)).collect();
    out.insert(qid(5), Value::Array(picked));
    out.insert(qid(6), grid(6, &[1 + k % 2, k % 3, 2]));
    out.insert(
        qid(7),
        grid(7, &[2, 1 + k % 2, (k + 1) % 3, 1 + (k + 2) % 2]),
    );
    if k % 3 != 2 {
        out.insert(qid(8), json!(STORIES[k % STORIES.len()]));
    }
    out.insert(qid(9), json!([2, 3, 3, 4, 2, 3, 4, 5, 1, 3][k % 10]));
    let topics = ids(10, "choice");
    out.insert(
        qid(10),
        Value::Array(vec![pick(&topics, k % 5), pick(&topics, (k + 2) % 5)]),
    );
    out.insert(qid(11), json!([8, 9, 7, 10, 6, 8, 9, 5, 10, 7][k % 10]));
    ResponseInput {
        answers: out,
        submit: true,
    }
}

fn community(run: &mut Community<'_>) -> AppResult<()> {
    (crate::demo::DEMO.community)(run)?;
    staff(run)?;
    let phase = Phase::Closed;
    let organiser = run.viewer("giulia.rossi")?;
    let id = create::create(run.conn, &organiser, phase, &survey())?;
    let s = Structure::load(run.conn, &id)?;
    let people: Vec<&str> = MEMBERS
        .iter()
        .copied()
        .chain(STAFF.iter().map(|(u, _, _)| *u))
        .collect();
    for (k, who) in people.into_iter().enumerate() {
        let v = run.viewer(who)?;
        respond::respond(run.conn, &v, phase, id.as_str(), &answers(&s, k))?;
    }
    manage::close(run.conn, &organiser, phase, id.as_str())?;
    manage::publish(run.conn, &organiser, phase, id.as_str(), true)?;
    Ok(())
}
