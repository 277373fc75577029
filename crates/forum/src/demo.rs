//! The forum module's demo content: categories drawn from the sources, with a few
//! discussions, replies and mentions, for `prassi demo`. The generated dataset (`--size`) has
//! no forum part. Runs after the accounts module's part, whose people write here.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::demo::{viewer, Community, DemoContent};
use prassi_core::AppResult;
use prassi_db::DbConnection;

use crate::service::{self, CategoryInput, DiscussionInput};

/// The forum module's demo content.
pub const DEMO: DemoContent = DemoContent {
    after: &["accounts"],
    existing,
    community,
    dataset: None,
};

/// Categories or discussions.
fn existing(conn: &mut DbConnection) -> QueryResult<Option<String>> {
    use diesel::dsl::exists;
    use prassi_db::schema::{discussions, forum_categories};
    let any = diesel::select(exists(forum_categories::table.select(forum_categories::id)))
        .get_result(conn)?
        || diesel::select(exists(discussions::table.select(discussions::id))).get_result(conn)?;
    Ok(any.then(|| "forum content (categories or discussions)".to_owned()))
}

/// Forum categories drawn from the sources, with a few discussions, replies and mentions.
fn community(run: &mut Community<'_>) -> AppResult<()> {
    let conn = &mut *run.conn;
    let admin = viewer(conn, "admin")?;
    for (position, (name, description, audience)) in [
        ("Benvenuti nella comunità", "Presentazioni, regole di partecipazione e domande sul funzionamento della piattaforma.", "public"),
        ("Strumenti amministrativi per l'innovazione sociale", "Appalti innovativi, co-progettazione, convenzioni e gestione associata.", "members"),
        ("Misurazione e valutazione", "Indicatori di outcome, schemi pay-by-result, finanza di impatto.", "members"),
        ("Incontri della comunità di pratica", "Programmi, materiali e restituzioni dei tavoli di networking.", "public"),
    ]
    .into_iter()
    .enumerate()
    {
        service::create_category(
            conn,
            &admin,
            &CategoryInput { name: name.into(), description: description.into(), position: position as i32, audience: audience.into() },
        )?;
    }
    let phase = Phase::Closed;
    let v = |conn: &mut DbConnection, who: &str| viewer(conn, who);
    let giulia = v(conn, "giulia.rossi")?;
    let d1 = service::start(conn, &giulia, phase, "benvenuti-nella-comunita", &DiscussionInput {
            lang: String::new(),
        title: "Presentiamoci: chi siamo e su cosa lavoriamo".into(),
        body_md: "Benvenute e benvenuti! Raccontate in poche righe il vostro ente, il progetto e **una domanda** che vi portate dietro.".into(),
    })?;
    let luca = v(conn, "luca.ferrari")?;
    service::reply(conn, &luca, phase, &d1, "Luca, Regione del Veneto: seguo *Veneto in Azione*. La mia domanda: come far durare le relazioni nate nelle study visit?", None)?;
    let paolo = v(conn, "paolo.greco")?;
    service::reply(conn, &paolo, phase, &d1, "Paolo, Codici: coordino progetti di inclusione. @elena.conti ci aveva dato ottimi spunti sulla governance dei partenariati.", None)?;

    let sara = v(conn, "sara.gallo")?;
    let d2 = service::start(conn, &sara, phase, "strumenti-amministrativi-per-l-innovazione-sociale", &DiscussionInput {
            lang: String::new(),
        title: "Modelli di avviso per la co-progettazione (art. 55)".into(),
        body_md: "Stiamo raccogliendo avvisi di co-progettazione già pubblicati da altri comuni. Chi può condividere il proprio? @giulia.rossi potremmo farne una pagina del wiki.".into(),
    })?;
    service::reply(
        conn,
        &giulia,
        phase,
        &d2,
        "Ottima idea: appena ne raccogliamo tre o quattro li confrontiamo in un tavolo di lavoro.",
        None,
    )?;

    let d3 = service::start(conn, &giulia, phase, "incontri-della-comunita-di-pratica", &DiscussionInput {
            lang: String::new(),
        title: "Il formato dei nostri incontri: 4 ore, due tempi".into(),
        body_md: "Introduzione (5'), talk degli esperti (90'), question time (25'), presentazione dei tavoli (5'), tavoli di networking (90'), restituzione (25'). Le domande si raccolgono anche prima dell'incontro.".into(),
    })?;
    service::moderate(
        conn,
        &giulia,
        phase,
        &d3,
        &service::ModerationInput {
            action: "pin".into(),
            category: String::new(),
        },
    )?;
    Ok(())
}
