//! `prassi demo`: fills an empty database with a believable community drawn from the source
//! documents — the organisations of Co.PIS, "Veneto in Azione", Formez, Emilia-Romagna and
//! "Territori inclusivi", and members of every role with profiles whose areas of expertise are
//! the ten "Veneto in Azione" themes and the Co.PIS topics. Later modules add their content here.

use diesel::prelude::*;
use prassi_accounts::service::{self, ProfileInput};
use prassi_core::AppState;
use prassi_db::schema::users;
use prassi_db::{AccountStatus, DbConnection, OrganisationKind, Role};

/// The ten themes of the "Veneto in Azione" communities of practice.
pub const VENETO_THEMES: [&str; 10] = [
    "Innovazione sociale e Terzo Settore",
    "Inclusione e diversità",
    "Contrasto alla povertà",
    "Collaborazione pubblico-privato",
    "Rigenerazione urbana e mobilità",
    "Commercio nei centri urbani",
    "Digitalizzazione della PA",
    "Gestione associata dei servizi",
    "Sostenibilità urbana ed economia circolare",
    "Public management",
];

/// The Co.PIS starting topics.
pub const COPIS_TOPICS: [&str; 5] = [
    "Appalti per l'innovazione",
    "Misurazione e valutazione degli outcome",
    "Schemi PBR e contabilità pubblica",
    "Finanza di impatto",
    "Programmazione 2021-2027",
];

/// The demo logins to print.
pub struct Logins {
    pub password: String,
    pub accounts: Vec<(String, &'static str)>,
}

struct Person {
    username: &'static str,
    name: &'static str,
    role: Role,
    org: (&'static str, OrganisationKind, &'static str),
    job: &'static str,
    areas: &'static [&'static str],
    bio: &'static str,
    consent: bool,
}

fn people() -> Vec<Person> {
    use OrganisationKind::*;
    vec![
        Person {
            username: "admin",
            name: "Redazione Prassi",
            role: Role::Admin,
            org: ("Dipartimento della Funzione Pubblica", PublicAdministration, "Lazio"),
            job: "Coordinamento della comunità",
            areas: &["Comunità di pratica"],
            bio: "Account della redazione che coordina la comunità di pratica.",
            consent: false,
        },
        Person {
            username: "giulia.rossi",
            name: "Giulia Rossi",
            role: Role::Moderator,
            org: ("Formez PA", PublicAdministration, "Campania"),
            job: "Facilitatrice di comunità professionali",
            areas: &["Comunità di pratica", "Facilitazione", "Gestione associata dei servizi"],
            bio: "Accompagno **laboratori** e tavoli regionali; modero il forum e le richieste di adesione.",
            consent: true,
        },
        Person {
            username: "marco.bianchi",
            name: "Marco Bianchi",
            role: Role::Expert,
            org: ("Università Ca' Foscari Venezia", UniversityResearch, "Veneto"),
            job: "Ricercatore in valutazione delle politiche pubbliche",
            areas: &["Misurazione e valutazione degli outcome", "Finanza di impatto", "Schemi PBR e contabilità pubblica"],
            bio: "Mi occupo di *valutazione d'impatto* e di contratti Pay-by-Result per i servizi sociali.",
            consent: true,
        },
        Person {
            username: "elena.conti",
            name: "Elena Conti",
            role: Role::Expert,
            org: ("IRES Piemonte", UniversityResearch, "Piemonte"),
            job: "Esperta di governance dei partenariati",
            areas: &["Inclusione e diversità", "Collaborazione pubblico-privato", "Contrasto alla povertà"],
            bio: "Accompagno i partenariati di *Territori inclusivi* nella governance interna e nei rapporti con il territorio.",
            consent: true,
        },
        Person {
            username: "luca.ferrari",
            name: "Luca Ferrari",
            role: Role::Member,
            org: ("Regione del Veneto", PublicAdministration, "Veneto"),
            job: "Funzionario, Direzione Lavoro",
            areas: &["Innovazione sociale e Terzo Settore", "Rigenerazione urbana e mobilità"],
            bio: "Seguo il progetto *Veneto in Azione* e le study visit internazionali.",
            consent: true,
        },
        Person {
            username: "sara.gallo",
            name: "Sara Gallo",
            role: Role::Member,
            org: ("Comune di Padova", PublicAdministration, "Veneto"),
            job: "Responsabile transizione digitale",
            areas: &["Digitalizzazione della PA", "Appalti per l'innovazione"],
            bio: "Lavoro su servizi digitali, open data e lavoro agile nei Comuni.",
            consent: true,
        },
        Person {
            username: "paolo.greco",
            name: "Paolo Greco",
            role: Role::Member,
            org: ("Codici Ricerca e Intervento", ThirdSector, "Lombardia"),
            job: "Coordinatore di progetto",
            areas: &["Inclusione e diversità", "Contrasto alla povertà"],
            bio: "Coordino progetti di inclusione per persone con percorsi migratori.",
            consent: true,
        },
        Person {
            username: "anna.marino",
            name: "Anna Marino",
            role: Role::Member,
            org: ("Regione Emilia-Romagna", PublicAdministration, "Emilia-Romagna"),
            job: "Funzionaria, processi partecipativi",
            areas: &["Facilitazione", "Processi partecipativi"],
            bio: "Faccio parte della comunità di pratiche partecipative nata con *Pianeta Partecipazione*.",
            consent: false,
        },
    ]
}

/// Whether any administrator exists.
pub fn has_admin(conn: &mut DbConnection) -> anyhow::Result<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        users::table.filter(users::role.eq(Role::Admin)),
    ))
    .get_result(conn)?)
}

/// Fills an empty database; refuses to touch one that has accounts.
pub fn fill(state: &AppState) -> anyhow::Result<Logins> {
    let mut conn = state.db.get()?;
    let existing: i64 = users::table.count().get_result(&mut conn)?;
    if existing > 0 {
        anyhow::bail!("the database already has accounts; `prassi demo` only fills an empty one");
    }
    let password = format!("demo-{}", prassi_core::tokens::random_token(9));
    let mut accounts = Vec::new();
    prassi_db::write_tx(&mut conn, |conn| -> prassi_core::AppResult<()> {
        for p in people() {
            let org = service::find_or_create_organisation(conn, p.org.0, p.org.1, Some(p.org.2))?;
            let email = format!("{}@demo.prassi.invalid", p.username);
            let id = service::create_user_direct(conn, p.username, &email, p.name, &password, p.role, Some(&org))?;
            service::update_profile(
                conn,
                &id,
                &ProfileInput {
                    display_name: p.name.into(),
                    organisation: p.org.0.into(),
                    organisation_kind: Some(p.org.1.as_str().into()),
                    region: Some(p.org.2.into()),
                    job_title: Some(p.job.into()),
                    expertise: Some(p.areas.join(", ")),
                    bio_md: Some(p.bio.into()),
                    directory_consent: p.consent,
                },
            )?;
            accounts.push((p.username.to_owned(), p.role.as_str()));
        }
        // A membership request waiting for the moderators.
        let org = service::find_or_create_organisation(
            conn,
            "Comune di Torino",
            OrganisationKind::PublicAdministration,
            Some("Piemonte"),
        )?;
        let id = service::create_user_direct(
            conn,
            "davide.costa",
            "davide.costa@demo.prassi.invalid",
            "Davide Costa",
            &password,
            Role::Member,
            Some(&org),
        )?;
        diesel::update(users::table.find(&id))
            .set((
                users::status.eq(AccountStatus::Pending),
                users::request_note.eq("Lavoro sui servizi sociali del Comune e vorrei confrontarmi sul tema della co-progettazione con il Terzo Settore."),
            ))
            .execute(conn)?;
        accounts.push(("davide.costa".into(), "pending"));
        Ok(())
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Logins { password, accounts })
}
