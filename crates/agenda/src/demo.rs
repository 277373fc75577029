//! The agenda's demo content, from the Veneto in Azione "Co-Labora" plan (`000_*.txt` in the
//! seeds): the ten four-hour meetings of the community of practice, each with its theme, the
//! period the plan gives (moved to the coming months), its international partners and the
//! project activities it builds on, programmed on the seed's four-hour template. The first
//! meeting is full, with a waiting list; the meeting on urban innovation already took place.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{Community, DemoContent};
use prassi_core::AppResult;
use prassi_db::schema::{agenda_events, agenda_registrations};
use prassi_db::DbConnection;

use crate::service::{self, EventInput, RegisterInput};

/// The agenda module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: None,
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
            starts_at: format!("{day}T09:30"),
            ends_at: format!("{day}T13:30"),
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
            // Registrations of a meeting that took place: written directly, after the fact.
            for who in ["luca.ferrari", "sara.gallo", "giulia.rossi"] {
                let v = run.viewer(who)?;
                if let Some(me) = v.user_id() {
                    diesel::insert_into(agenda_registrations::table)
                        .values(prassi_db::models::AgendaRegistration {
                            id: prassi_db::RegistrationId::new(),
                            event_id: id.clone(),
                            user_id: me.clone(),
                            status: prassi_db::RegistrationStatus::Registered,
                            show_publicly: true,
                            attended: true,
                            created_at: Utc::now().naive_utc() - Duration::days(40),
                            promoted_at: None,
                            cancelled_at: None,
                            reminded_at: None,
                        })
                        .execute(run.conn)?;
                }
            }
            diesel::update(agenda_events::table.find(&id))
                .set(agenda_events::registered_count.eq(3))
                .execute(run.conn)?;
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
