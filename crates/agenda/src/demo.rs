//! The agenda's demo content, from the Veneto in Azione "Co-Labora" plan (`000_*.txt` in the
//! seeds): the ten four-hour meetings of the community of practice, each with its theme, the
//! period the plan gives (moved to the coming months), its international partners and the
//! project activities it builds on, programmed on the seed's four-hour template. The first
//! meeting is full, with a waiting list; the meeting on urban innovation already took place,
//! with its answered questions, its networking tables' outcomes, feedback, and its report in
//! the wiki.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{Community, Dataset, DemoContent, Size};
use prassi_core::AppResult;
use prassi_db::schema::{agenda_events, agenda_registrations};
use prassi_db::DbConnection;

use crate::service::{self, EventInput, RegisterInput};

/// The agenda module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: Some(dataset),
};

/// Any event.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::dsl::exists;
    let any: bool =
        diesel::select(exists(agenda_events::table.select(agenda_events::id))).get_result(conn)?;
    Ok(any.then(|| "agenda events".to_owned()))
}

/// A meeting of the plan: theme, months from now, partners and linked activities.
struct Meeting {
    title: &'static str,
    months: i64,
    partners: &'static str,
    links: &'static str,
}

const MEETINGS: &[Meeting] = &[
    Meeting {
        title: "L'innovazione sociale strategica e i rapporti di collaborazione fra Terzo Settore e Pubblica Amministrazione",
        months: 1,
        partners: "Queen Margaret University | Edimburgo | Regno Unito | università\nComune di Edimburgo | Edimburgo | Regno Unito | ente locale",
        links: "Modelli di governance pubblico-privato: co-produzione e co-creazione | visita di studio | ottobre 2019 | Study visit a Edimburgo\nCreare valore condiviso | corso di formazione | maggio–ottobre 2019 | Corso di formazione specialistica a voucher",
    },
    Meeting {
        title: "L'inclusione e la diversità come strategie per il successo di organizzazioni e comunità locali",
        months: 2,
        partners: "Associazione Itaca | L'Hospitalet de Llobregat | Spagna | associazione\nComune di Barcellona | Barcellona | Spagna | ente locale",
        links: "Innovazione e comunicazione di genere | visita di studio | novembre 2019 | Study visit a Bologna",
    },
    Meeting {
        title: "Gli interventi di contrasto alla povertà",
        months: 2,
        partners: "Rete degli Yunus Social Business Centre europei | | Europa | rete",
        links: "Welfare, sistemi assicurativi e misure integrative | corso di formazione | febbraio–giugno 2020 | Corso di formazione specialistica a voucher",
    },
    Meeting {
        title: "La collaborazione pubblico-privato nell'innovazione urbana",
        months: -1,
        partners: "Comune di Milton Keynes | Milton Keynes | Regno Unito | ente locale\nOpen University – Knowledge Media Institute | Milton Keynes | Regno Unito | università",
        links: "L'implementazione dell'innovazione urbana tramite la collaborazione pubblico-privato | visita di studio | febbraio 2020 | Study visit a Milton Keynes",
    },
    Meeting {
        title: "Rigenerazione urbana, mobilità e innovazione sociale per il rafforzamento del territorio",
        months: 4,
        partners: "Comune di Barcellona – Ecologia urbana | Barcellona | Spagna | ente locale\nBarcelona Activa | Barcellona | Spagna | agenzia di sviluppo",
        links: "Sviluppo, gestione e rigenerazione del patrimonio immobiliare | corso di formazione | aprile–giugno 2020 | Corso di formazione specialistica a voucher",
    },
    Meeting {
        title: "L'innovazione delle attività commerciali nei centri urbani",
        months: 1,
        partners: "New West End Company | Londra | Regno Unito | distretto commerciale\nBEE Midtown | Londra | Regno Unito | distretto commerciale",
        links: "Il potenziamento del commercio nei centri urbani e metropolitani | visita di studio | ottobre 2019 | Study visit a Londra",
    },
    Meeting {
        title: "La digitalizzazione della Pubblica Amministrazione",
        months: 3,
        partners: "Smart Cities & Digital Administration: Law & Governance | | Europa | rete",
        links: "Nuove prospettive dell'amministrazione digitale: open data e algoritmi | evento internazionale | 12 ottobre 2018 | Evento a carattere internazionale",
    },
    Meeting {
        title: "La gestione associata dei servizi e la dimensione ottima dei Comuni",
        months: 1,
        partners: "Consiglio d'Europa | Strasburgo | Francia | organizzazione internazionale\nCentro CNFPT-INET | Strasburgo | Francia | scuola di amministrazione",
        links: "La gestione associata delle funzioni e dei servizi da parte dei Comuni | visita di studio | aprile 2020 | Study visit in Emilia-Romagna, rinviata",
    },
    Meeting {
        title: "Pratiche di sostenibilità urbana e circular economy",
        months: 3,
        partners: "City Council di Milton Keynes | Milton Keynes | Regno Unito | ente locale\nParish Council di Woughton | Woughton | Regno Unito | ente locale",
        links: "Una città in mutamento: pratiche di sostenibilità urbana e circular economy | visita di studio | maggio 2020 | Study visit a Milton Keynes, rinviata",
    },
    Meeting {
        title: "Public management: gestione della Pubblica Amministrazione e sviluppo sostenibile del territorio",
        months: 4,
        partners: "City Council di Chester | Chester | Regno Unito | ente locale\nChamber of Commerce | Chester | Regno Unito | camera di commercio",
        links: "Public management: la declinazione anglosassone della gestione della PA | visita di studio | maggio 2020 | Study visit a Chester, rinviata",
    },
];

/// The ten meetings (see the module comment).
fn community(run: &mut Community<'_>) -> AppResult<()> {
    let admin = run.viewer("admin")?;
    let today = crate::time::to_local(Utc::now().naive_utc()).date();
    for (i, m) in MEETINGS.iter().enumerate() {
        // The i-th Thursday of the meeting's month, 9:30–13:30 Rome time.
        let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
        let month = if m.months >= 0 {
            first.checked_add_months(chrono::Months::new(m.months.unsigned_abs() as u32))
        } else {
            first.checked_sub_months(chrono::Months::new(m.months.unsigned_abs() as u32))
        }
        .unwrap_or(first);
        let thursday = (0..7)
            .map(|d| month + Duration::days(d))
            .find(|d| d.weekday() == chrono::Weekday::Thu)
            .unwrap_or(month)
            + Duration::days(7 * (i as i64 % 3));
        let day = if m.months < 0 && thursday >= today {
            today - Duration::days(7)
        } else {
            thursday
        };
        let past = m.months < 0;
        // A meeting that took place is run through the platform a week ahead, then moved back.
        let held = if past { today + Duration::days(7) } else { day };
        let input = EventInput {
            title: format!("Comunità di pratica {}: {}", i + 1, m.title),
            description_md: format!(
                "Incontro della **comunità di pratica** di *Veneto in Azione* sul tema «{}».\n\n\
                 Quattro ore con lo stesso formato: interventi di esperti (un esperto di contenuto \
                 e uno o due relatori con esperienze internazionali), question time sulle domande \
                 raccolte prima e durante l'incontro, tavoli di networking e feedback finale.\n\n\
                 La partecipazione è gratuita, fino a esaurimento dei posti.",
                m.title
            ),
            theme: m.title.split(':').next().unwrap_or(m.title).to_owned(),
            starts_at: format!("{held}T09:30"),
            ends_at: format!("{held}T13:30"),
            format: if i % 4 == 3 { "hybrid" } else { "in_person" }.into(),
            venue: "Palazzo Grandi Stazioni, Venezia".into(),
            address: "Fondamenta Santa Lucia 23, 30121 Venezia".into(),
            online_url: if i % 4 == 3 {
                "https://meet.example.org/veneto-in-azione".into()
            } else {
                String::new()
            },
            audience: "public".into(),
            status: "published".into(),
            capacity: if i == 0 { "3".into() } else { "60".into() },
            use_template: "1".into(),
            partners: m.partners.into(),
            links: m.links.into(),
            ..EventInput::default()
        };
        let id = service::create(run.conn, &admin, Phase::Closed, &input)?;
        if past {
            past_meeting(run, &id, day)?;
        }
        if i == 0 {
            // Full, with two people waiting.
            for who in [
                "luca.ferrari",
                "sara.gallo",
                "paolo.greco",
                "anna.marino",
                "marco.bianchi",
            ] {
                let v = run.viewer(who)?;
                service::register(
                    run.conn,
                    &v,
                    Phase::Closed,
                    id.as_str(),
                    &RegisterInput {
                        show_publicly: "1".into(),
                    },
                )?;
            }
        }
    }
    Ok(())
}

/// The meeting that already took place, run through the platform as it happened: four
/// registrations, questions sent and supported, two networking tables with people assigned,
/// then (moved to its real date) attendance, answers, the tables' outcomes, feedback and the
/// report published to the wiki.
fn past_meeting(run: &mut Community<'_>, id: &prassi_db::EventId, day: NaiveDate) -> AppResult<()> {
    use crate::session::{feedback, networking, questions, report};
    let phase = Phase::Closed;
    let admin = run.viewer("admin")?;
    let people = ["luca.ferrari", "sara.gallo", "giulia.rossi", "paolo.greco"];
    for who in people {
        let v = run.viewer(who)?;
        let show = if who == "paolo.greco" { "" } else { "1" };
        service::register(
            run.conn,
            &v,
            phase,
            id.as_str(),
            &RegisterInput {
                show_publicly: show.into(),
            },
        )?;
    }
    let asked = [
        (
            "sara.gallo",
            "Come avete coinvolto le imprese locali nella co-progettazione dei servizi urbani?",
        ),
        (
            "giulia.rossi",
            "Quali indicatori usa Milton Keynes per valutare i progetti di innovazione urbana?",
        ),
    ];
    let mut ids = Vec::new();
    for (who, body) in asked {
        let v = run.viewer(who)?;
        let q = questions::submit(
            run.conn,
            &v,
            phase,
            id.as_str(),
            &questions::AgendaQuestionInput { body: body.into() },
        )?;
        ids.push(q.id);
    }
    let luca = run.viewer("luca.ferrari")?;
    questions::support(run.conn, &luca, phase, id.as_str(), &ids[0], Some(true))?;
    networking::define(
        run.conn,
        &admin,
        phase,
        id.as_str(),
        &networking::TablesInput {
            definitions: "Partenariati pubblico-privati nei quartieri | @luca.ferrari | 3\n\
                          Dati e indicatori per l'innovazione urbana | @sara.gallo | 3"
                .into(),
        },
    )?;
    networking::assign_all(run.conn, &admin, phase, id.as_str())?;
    // It took place a week before today.
    let start = crate::time::parse_local(&format!("{day}T09:30")).unwrap_or_default();
    diesel::update(agenda_events::table.find(id))
        .set((
            agenda_events::starts_at.eq(start),
            agenda_events::ends_at.eq(start + Duration::hours(4)),
        ))
        .execute(run.conn)?;
    let regs: Vec<String> = agenda_registrations::table
        .filter(agenda_registrations::event_id.eq(id))
        .order((
            agenda_registrations::created_at.asc(),
            agenda_registrations::id.asc(),
        ))
        .select(agenda_registrations::id)
        .load::<prassi_db::RegistrationId>(run.conn)?
        .into_iter()
        .map(|r| r.0)
        .collect();
    service::record_attendance(run.conn, &admin, phase, id.as_str(), &regs[..3])?;
    let answers = [
        "Con un tavolo permanente convocato dal Comune ogni due mesi e un accordo di collaborazione \
         che fissa obiettivi, risorse e chi fa che cosa.",
        "Tre famiglie di indicatori: uso dei servizi (accessi, utenti unici), qualità percepita \
         (indagini semestrali) ed effetti sul quartiere (attività economiche aperte).",
    ];
    for (q, a) in ids.iter().zip(answers) {
        questions::answer(
            run.conn,
            &admin,
            phase,
            id.as_str(),
            q,
            &questions::AgendaAnswerInput {
                answer_md: a.into(),
            },
        )?;
    }
    let tables = networking::tables_view(run.conn, &admin, phase, id.as_str())?;
    let outcomes = [
        "- Un accordo di collaborazione tipo, da adattare a ogni quartiere\n- Incontri trimestrali con le associazioni di categoria",
        "- Un cruscotto comune di cinque indicatori\n- Dati aperti aggiornati ogni sei mesi",
    ];
    for (t, text) in tables.tables.iter().zip(outcomes) {
        let who = if t.topic.starts_with("Partenariati") {
            "luca.ferrari"
        } else {
            "sara.gallo"
        };
        let v = run.viewer(who)?;
        networking::write_outcomes(
            run.conn,
            &v,
            phase,
            id.as_str(),
            &t.id,
            &networking::OutcomesInput {
                outcomes_md: text.into(),
            },
        )?;
    }
    for (who, rating, comment) in [
        (
            "luca.ferrari",
            "5",
            "Molto utile il confronto con Milton Keynes.",
        ),
        ("sara.gallo", "4", "Avrei dedicato più tempo ai tavoli."),
        ("giulia.rossi", "4", ""),
    ] {
        let v = run.viewer(who)?;
        feedback::give(
            run.conn,
            &v,
            phase,
            id.as_str(),
            &feedback::AgendaFeedbackInput {
                rating: rating.into(),
                comment: comment.into(),
            },
        )?;
    }
    report::publish(run.conn, &admin, phase, id.as_str())?;
    Ok(())
}

/// Events of the generated dataset, and registrations of the generated members.
fn sizes(size: Size) -> (usize, usize) {
    match size {
        Size::Small => (24, 300),
        Size::Large => (400, 12_000),
    }
}

/// The benchmark event: the first generated one, 200 seats, a waiting list behind them.
const BIG_EVENT_SEATS: i64 = 200;

/// Generated events over the past six months and the coming year (past ones hold no
/// registrations: registering needs an upcoming event), registrations spread over the upcoming
/// ones, and the benchmark event `big-event` with its seats full and a waiting list. Written
/// through the services, one lane per event so one event's registrations run in order.
fn dataset(run: &mut Dataset<'_>) -> anyhow::Result<()> {
    let (events, registrations) = sizes(run.size);
    if run.members.is_empty() {
        anyhow::bail!("the agenda dataset needs the generated members");
    }
    let admin = {
        let mut conn = run.state.db.get()?;
        prassi_core::demo::viewer(&mut conn, "admin").map_err(|e| anyhow::anyhow!("{e}"))?
    };
    let rng = &mut run.rng;
    let today = crate::time::to_local(Utc::now().naive_utc()).date();
    let mut inputs = Vec::with_capacity(events);
    for i in 0..events {
        let offset = if i == 0 {
            30
        } else {
            rng.below(540) as i64 - 180
        };
        let day = today + Duration::days(offset);
        let theme = MEETINGS[rng.below(MEETINGS.len())].title;
        inputs.push(EventInput {
            title: format!(
                "{} ({})",
                prassi_core::demo::capitalise(&prassi_core::demo::sentence(rng)),
                i + 1
            ),
            description_md: prassi_core::demo::body(rng, 2, 4),
            theme: theme.split(':').next().unwrap_or(theme).to_owned(),
            starts_at: format!("{day}T09:30"),
            ends_at: format!("{day}T13:30"),
            format: "in_person".into(),
            venue: "Sala convegni".into(),
            audience: if rng.chance(0.5) { "public" } else { "members" }.into(),
            status: "published".into(),
            capacity: if i == 0 {
                BIG_EVENT_SEATS.to_string()
            } else if rng.chance(0.7) {
                "60".into()
            } else {
                String::new()
            },
            use_template: "1".into(),
            ..EventInput::default()
        });
    }
    let ids = run.lanes.write(
        &inputs,
        |_, i| i,
        |conn, input| service::create(conn, &admin, Phase::Closed, input),
    )?;
    run.timer.done("agenda events", ids.len());
    // Registrations: the benchmark event gets its seats and a waiting list, the rest spread
    // over the upcoming events. Each member registers once per event.
    let upcoming: Vec<usize> = (1..events)
        .filter(|&i| inputs[i].starts_at.as_str() > format!("{today}T23:59").as_str())
        .collect();
    let members = run.members.len();
    let mut ops: Vec<(usize, usize)> = Vec::with_capacity(registrations);
    let big = (BIG_EVENT_SEATS as usize + 50).min(members);
    for m in 0..big {
        ops.push((0, m));
    }
    let mut seen = std::collections::HashSet::new();
    while ops.len() < registrations && !upcoming.is_empty() {
        let e = upcoming[rng.skewed(upcoming.len(), 1.2)];
        let m = rng.below(members);
        if seen.insert((e, m)) {
            ops.push((e, m));
        }
        if seen.len() >= upcoming.len() * members {
            break;
        }
    }
    let members_v = &run.members;
    let made = run.lanes.write(
        &ops,
        |op, _| op.0,
        |conn, &(e, m)| {
            service::register(
                conn,
                &members_v[m],
                Phase::Closed,
                ids[e].as_str(),
                &RegisterInput::default(),
            )
        },
    )?;
    run.timer.done("agenda registrations", made.len());
    run.pages.push(("big-event", service::event_url(&ids[0])));
    Ok(())
}
