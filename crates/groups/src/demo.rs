//! The groups module's demo content, from the sources: the partnership of a Territori
//! inclusivi project (listed, joined by request, with a pending request), the Formez
//! Hub&Spoke labs on culture and innovation (public, open), and the Emilia-Romagna "Piazza"
//! of the officials' working group (secret, by invitation), with demo people as coordinators
//! and members. Runs after the accounts module's part, whose people take part here.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{viewer, Community, DemoContent};
use prassi_core::settings::GroupCreators;
use prassi_core::AppResult;
use prassi_db::DbConnection;

use crate::service::{self, DecideInput, GroupInput, InviteInput, RequestInput};

/// The groups module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: None,
};

/// Any group.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::dsl::exists;
    use prassi_db::schema::work_groups;
    let any: bool =
        diesel::select(exists(work_groups::table.select(work_groups::id))).get_result(conn)?;
    Ok(any.then(|| "working groups".to_owned()))
}

fn input(name: &str, description: &str, orgs: &str, visibility: &str, policy: &str) -> GroupInput {
    GroupInput {
        name: name.into(),
        slug: String::new(),
        description_md: description.into(),
        organisations: orgs.into(),
        visibility: visibility.into(),
        join_policy: policy.into(),
    }
}

/// The three groups, their members and a pending request.
fn community(run: &mut Community<'_>) -> AppResult<()> {
    let conn = &mut *run.conn;
    let phase = Phase::Closed;
    let admin = viewer(conn, "admin")?;
    let v = |conn: &mut DbConnection, who: &str| viewer(conn, who);

    // Territori inclusivi: one funded project's partnership (up to three organisations).
    let valle = service::create(
        conn,
        &admin,
        GroupCreators::Admins,
        &input(
            "Territori inclusivi – Progetto Valle Seriana",
            "Lo spazio dei partner del progetto finanziato da **Territori inclusivi** (Compagnia di San Paolo): \
             qui depositiamo il lavoro fatto, prepariamo gli incontri di mentoring e chiediamo consulenza agli esperti.\n\n\
             Si entra su richiesta: presentatevi in due righe e indicate il vostro ente.",
            "Codici Ricerca e Intervento",
            "listed",
            "request",
        ),
    )?;
    let paolo = v(conn, "paolo.greco")?;
    service::request(conn, &paolo, phase, &valle.slug, &RequestInput { message: "Coordino il progetto per Codici: vorrei entrare per caricare i materiali dei laboratori.".into() })?;
    let pending_id = prassi_db::schema::group_requests::table
        .filter(
            prassi_db::schema::group_requests::user_id
                .eq(paolo.user_id().cloned().unwrap_or_default()),
        )
        .select(prassi_db::schema::group_requests::id)
        .first::<prassi_db::GroupRequestId>(conn)?;
    service::decide(
        conn,
        &admin,
        phase,
        &valle.slug,
        pending_id.as_str(),
        &DecideInput {
            decision: "accept".into(),
            reason: String::new(),
        },
    )?;
    service::set_role(
        conn,
        &admin,
        phase,
        &valle.slug,
        "paolo.greco",
        "coordinator",
    )?;
    let elena = v(conn, "elena.conti")?;
    service::request(conn, &elena, phase, &valle.slug, &RequestInput { message: "Sono tra i mentor del programma: posso seguire il gruppo sulla valutazione d'impatto.".into() })?;

    // Formez Hub&Spoke: a lab open to everyone.
    let lab = service::create(
        conn,
        &admin,
        GroupCreators::Admins,
        &input(
            "Laboratorio Hub&Spoke – Cultura e innovazione",
            "Il laboratorio del progetto **Hub & Spoke** (Formez PA) su cultura e innovazione: \
             esperienze di cooperazione già realizzate, schede di valorizzazione e prodotti del gruppo.",
            "",
            "public",
            "open",
        ),
    )?;
    for who in ["luca.ferrari", "sara.gallo", "giulia.rossi"] {
        let m = v(conn, who)?;
        service::join(conn, &m, phase, &lab.slug)?;
    }
    service::set_role(
        conn,
        &admin,
        phase,
        &lab.slug,
        "luca.ferrari",
        "coordinator",
    )?;

    // Emilia-Romagna: the officials' "Piazza", by invitation.
    let piazza = service::create(
        conn,
        &admin,
        GroupCreators::Admins,
        &input(
            "Piazza dei funzionari – Partecipazione Emilia-Romagna",
            "La *Piazza* del gruppo di lavoro dei funzionari della comunità di pratiche partecipative \
             dell'Emilia-Romagna: il questionario interno, i verbali degli incontri, le bozze da co-progettare.",
            "Regione Emilia-Romagna",
            "secret",
            "invitation",
        ),
    )?;
    for who in ["anna.marino", "marco.bianchi"] {
        let inv = service::invite(
            conn,
            &admin,
            phase,
            &piazza.slug,
            &InviteInput {
                username: who.into(),
            },
        )?;
        let m = v(conn, who)?;
        service::respond(conn, &m, phase, &piazza.slug, inv.as_str(), true)?;
    }
    service::set_role(
        conn,
        &admin,
        phase,
        &piazza.slug,
        "anna.marino",
        "coordinator",
    )?;
    run.record("groups.piazza", piazza.id.0.clone());
    run.record("groups.valle-seriana", valle.id.0.clone());
    run.record("groups.lab", lab.id.0.clone());
    Ok(())
}
