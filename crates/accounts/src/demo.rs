//! The accounts module's demo content: the people of the believable community (`prassi
//! demo`) — members of every role from the organisations of Co.PIS, "Veneto in Azione",
//! Formez, Emilia-Romagna and "Territori inclusivi", with profiles whose areas of expertise are
//! the ten "Veneto in Azione" themes and the Co.PIS topics, and one membership request waiting
//! for the moderators — and the generated members of the dataset (`--size`), who everything
//! else in it is written by ([`Dataset::members`]). Its parts run first: every other module's
//! content is written by these people.

use diesel::prelude::*;
use prassi_core::access::{Account, Viewer};
use prassi_core::demo::{
    paragraph, Community, Dataset, DemoContent, Size, COPIS_TOPICS, VENETO_THEMES,
};
use prassi_core::AppResult;
use prassi_db::schema::users;
use prassi_db::{AccountStatus, DbConnection, OrganisationKind, Role};

use crate::service::{self, ProfileInput};

/// The accounts module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &[],
    existing,
    community,
    dataset: Some(dataset),
};

/// The generated members of a dataset size.
pub fn members(size: Size) -> usize {
    match size {
        Size::Small => 50,
        Size::Large => 1_000,
    }
}

/// Whether any administrator exists.
pub fn has_admin(conn: &mut DbConnection) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        users::table.filter(users::role.eq(Role::Admin)),
    ))
    .get_result(conn)
}

/// Accounts other than administrators (as after `prassi user create --role admin`, which the
/// README suggests first): the demo keeps administrators and refuses anyone else.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    let others: Vec<String> = users::table
        .filter(users::role.ne(Role::Admin))
        .select(users::username)
        .order(users::username.asc())
        .load(conn)?;
    Ok((!others.is_empty()).then(|| {
        format!(
            "{} account(s) that are not administrators (e.g. {})",
            others.len(),
            others
                .iter()
                .take(3)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )
    }))
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

/// The people, and a membership request waiting for the moderators. Administrators that
/// existed before are kept with their own passwords; a demo account whose username one of them
/// already has is not made, and the content uses theirs.
fn community(run: &mut Community<'_>) -> AppResult<()> {
    // `existing` let only administrators through.
    run.logins.kept = users::table
        .select(users::username)
        .order(users::username.asc())
        .load(run.conn)?;
    let conn = &mut *run.conn;
    let password = run.logins.password.as_str();
    for p in people() {
        if run.logins.kept.iter().any(|k| k == p.username) {
            // An administrator already has this name: the demo content uses theirs.
            continue;
        }
        let org = service::find_or_create_organisation(conn, p.org.0, p.org.1, Some(p.org.2))?;
        let email = format!("{}@demo.prassi.invalid", p.username);
        let id = service::create_user_direct(
            conn,
            p.username,
            &email,
            p.name,
            password,
            p.role,
            Some(&org),
        )?;
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
        run.logins
            .accounts
            .push((p.username.to_owned(), p.role.as_str()));
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
        password,
        Role::Member,
        Some(&org),
    )?;
    diesel::update(users::table.find(&id))
        .set((
            users::status.eq(AccountStatus::Pending),
            users::request_note.eq("Lavoro sui servizi sociali del Comune e vorrei confrontarmi sul tema della co-progettazione con il Terzo Settore."),
        ))
        .execute(conn)?;
    run.logins.accounts.push(("davide.costa".into(), "pending"));
    Ok(())
}

/// The generated members: inserted directly with one shared hash of the demo password
/// (hashing a thousand passwords would take a minute), then their profiles filled through the
/// service (organisation, expertise, directory consent for 40%).
fn dataset(run: &mut Dataset<'_>) -> anyhow::Result<()> {
    let n = members(run.size);
    let rng = &mut run.rng;
    let hash = prassi_core::password::hash(&run.password)
        .map_err(|e| anyhow::anyhow!("password hash: {e}"))?;
    struct M {
        username: String,
        name: String,
        role: Role,
        org: usize,
        job: &'static str,
        areas: String,
        bio: String,
        consent: bool,
    }
    let all_areas: Vec<&str> = VENETO_THEMES
        .iter()
        .chain(COPIS_TOPICS.iter())
        .copied()
        .collect();
    let list: Vec<M> = (0..n)
        .map(|i| {
            let first = rng.word(FIRST_NAMES);
            let last = rng.word(LAST_NAMES);
            let role = match i % 50 {
                0 if i > 0 => Role::Moderator,
                1..=3 => Role::Expert,
                _ => Role::Member,
            };
            let mut areas: Vec<&str> = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let a = *rng.pick(&all_areas);
                if !areas.contains(&a) {
                    areas.push(a);
                }
            }
            M {
                username: format!("{}.{}{}", first.to_lowercase(), last.to_lowercase(), i + 1),
                name: format!("{first} {last}"),
                role,
                org: rng.skewed(ORGANISATIONS.len(), 1.6),
                job: rng.word(JOBS),
                areas: areas.join(", "),
                bio: paragraph(rng, 1, 2),
                consent: rng.chance(0.4),
            }
        })
        .collect();
    let mut conn = run.state.db.get()?;
    let viewers = prassi_db::write_tx(&mut conn, |conn| -> AppResult<Vec<Viewer>> {
        let mut orgs = Vec::with_capacity(ORGANISATIONS.len());
        for (name, kind, region) in ORGANISATIONS {
            orgs.push(service::find_or_create_organisation(
                conn,
                name,
                *kind,
                Some(*region),
            )?);
        }
        let mut viewers = Vec::with_capacity(list.len());
        for m in &list {
            let email = format!("{}@dataset.prassi.invalid", m.username);
            let id = service::insert_confirmed_user(
                conn,
                &m.username,
                &email,
                &m.name,
                &hash,
                m.role,
                Some(&orgs[m.org]),
            )?;
            let (org, kind, region) = ORGANISATIONS[m.org];
            service::update_profile(
                conn,
                &id,
                &ProfileInput {
                    display_name: m.name.clone(),
                    organisation: org.into(),
                    organisation_kind: Some(kind.as_str().into()),
                    region: Some(region.into()),
                    job_title: Some(m.job.into()),
                    expertise: Some(m.areas.clone()),
                    bio_md: Some(m.bio.clone()),
                    directory_consent: m.consent,
                },
            )?;
            viewers.push(Viewer::Account(Account {
                id,
                username: m.username.clone(),
                display_name: m.name.clone(),
                role: m.role,
                status: AccountStatus::Active,
                groups: Default::default(),
            }));
        }
        Ok(viewers)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    drop(conn);
    if viewers.is_empty() {
        anyhow::bail!("the dataset needs at least one member");
    }
    let member = match &viewers[1 % viewers.len()] {
        Viewer::Account(a) => a.username.clone(),
        Viewer::Anonymous => String::new(),
    };
    run.timer.done("members", viewers.len());
    run.members = viewers;
    run.notes.push(format!(
        "Generated members share that password; one of them: {member}"
    ));
    run.pages.push(("member", member));
    Ok(())
}

// ------------------------------------------------------------------------------ people

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

// ------------------------------------------------------------------------------ vocabulary

const FIRST_NAMES: &[&str] = &[
    "Marco",
    "Giulia",
    "Luca",
    "Francesca",
    "Andrea",
    "Chiara",
    "Matteo",
    "Sara",
    "Alessandro",
    "Elena",
    "Davide",
    "Valentina",
    "Simone",
    "Martina",
    "Federico",
    "Laura",
    "Stefano",
    "Silvia",
    "Roberto",
    "Paola",
    "Giorgio",
    "Anna",
    "Nicola",
    "Elisa",
    "Paolo",
    "Roberta",
    "Massimo",
    "Cristina",
    "Fabio",
    "Monica",
    "Antonio",
    "Irene",
    "Giovanni",
    "Marta",
    "Riccardo",
    "Alessia",
    "Enrico",
    "Claudia",
    "Michele",
    "Serena",
];

const LAST_NAMES: &[&str] = &[
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Colombo",
    "Ricci",
    "Marino",
    "Greco",
    "Bruno",
    "Gallo",
    "Conti",
    "DeLuca",
    "Mancini",
    "Costa",
    "Giordano",
    "Rizzo",
    "Lombardi",
    "Moretti",
    "Barbieri",
    "Fontana",
    "Santoro",
    "Mariani",
    "Rinaldi",
    "Caruso",
    "Ferrara",
    "Galli",
    "Martini",
    "Leone",
    "Longo",
    "Gentile",
    "Martinelli",
    "Vitale",
    "Lombardo",
    "Serra",
    "Coppola",
    "DeSantis",
    "Marchetti",
    "Parisi",
    "Villa",
    "Conte",
    "Ferraro",
    "Ferri",
    "Fabbri",
    "Bianco",
    "Marini",
    "Grasso",
    "Valentini",
    "Messina",
];

const JOBS: &[&str] = &[
    "Funzionario amministrativo",
    "Istruttrice direttiva",
    "Responsabile dei servizi sociali",
    "Dirigente del settore sviluppo economico",
    "Assistente sociale",
    "Responsabile della transizione digitale",
    "Project manager fondi europei",
    "Ricercatrice",
    "Coordinatore di cooperativa sociale",
    "Segretario comunale",
    "Esperta di valutazione",
    "Funzionaria dell'ufficio di piano",
];

const ORGANISATIONS: &[(&str, OrganisationKind, &str)] = &[
    (
        "Comune di Verona",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Vicenza",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Treviso",
        OrganisationKind::PublicAdministration,
        "Veneto",
    ),
    (
        "Comune di Bologna",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Modena",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Parma",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "Comune di Milano",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Comune di Bergamo",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Comune di Torino",
        OrganisationKind::PublicAdministration,
        "Piemonte",
    ),
    (
        "Comune di Firenze",
        OrganisationKind::PublicAdministration,
        "Toscana",
    ),
    (
        "Comune di Napoli",
        OrganisationKind::PublicAdministration,
        "Campania",
    ),
    (
        "Comune di Bari",
        OrganisationKind::PublicAdministration,
        "Puglia",
    ),
    (
        "Comune di Palermo",
        OrganisationKind::PublicAdministration,
        "Sicilia",
    ),
    (
        "Comune di Cagliari",
        OrganisationKind::PublicAdministration,
        "Sardegna",
    ),
    (
        "Comune di Trento",
        OrganisationKind::PublicAdministration,
        "Trentino-Alto Adige",
    ),
    (
        "Regione Lombardia",
        OrganisationKind::PublicAdministration,
        "Lombardia",
    ),
    (
        "Regione Toscana",
        OrganisationKind::PublicAdministration,
        "Toscana",
    ),
    (
        "Regione Puglia",
        OrganisationKind::PublicAdministration,
        "Puglia",
    ),
    (
        "Regione Siciliana",
        OrganisationKind::PublicAdministration,
        "Sicilia",
    ),
    (
        "Unione dei Comuni della Bassa Romagna",
        OrganisationKind::PublicAdministration,
        "Emilia-Romagna",
    ),
    (
        "ASL Roma 1",
        OrganisationKind::PublicAdministration,
        "Lazio",
    ),
    ("INPS", OrganisationKind::PublicAdministration, "Lazio"),
    (
        "Università di Bologna",
        OrganisationKind::UniversityResearch,
        "Emilia-Romagna",
    ),
    (
        "Politecnico di Milano",
        OrganisationKind::UniversityResearch,
        "Lombardia",
    ),
    (
        "Università di Padova",
        OrganisationKind::UniversityResearch,
        "Veneto",
    ),
    (
        "Università Federico II",
        OrganisationKind::UniversityResearch,
        "Campania",
    ),
    (
        "Cooperativa sociale Il Ponte",
        OrganisationKind::ThirdSector,
        "Veneto",
    ),
    (
        "Fondazione Comunità Solidale",
        OrganisationKind::ThirdSector,
        "Lombardia",
    ),
    (
        "Associazione Reti di Quartiere",
        OrganisationKind::ThirdSector,
        "Piemonte",
    ),
    (
        "Consorzio Servizi Digitali",
        OrganisationKind::Company,
        "Lazio",
    ),
];
