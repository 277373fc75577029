//! The groups module's demo content, from the sources: the partnership of a Territori
//! inclusivi project (listed, joined by request, with a pending request), the Formez
//! Hub&Spoke labs on culture and innovation (public, open), and the Emilia-Romagna "Piazza"
//! of the officials' working group (secret, by invitation), with demo people as coordinators
//! and members, documents in each group's deposit (one with two versions), and one group page
//! published to the public wiki as the lab's "product". Runs after the accounts module's
//! part, whose people take part here.

use diesel::prelude::*;
use prassi_core::access::Phase;
use prassi_core::config::StorageConfig;
use prassi_core::demo::{viewer, Community, DemoContent};
use prassi_core::settings::GroupCreators;
use prassi_core::{AppError, AppResult};
use prassi_db::DbConnection;

use crate::content::{
    self,
    publication::{self, DecisionInput, ProposeInput},
};
use crate::documents::service as docs;
use crate::documents::storage::FileStore;
use crate::documents::upload::{UploadForm, UploadedFile};
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
    documents(run, &valle.slug, &lab.slug, &piazza.slug)?;
    published_output(run, &lab.slug)?;
    run.record("groups.piazza", piazza.id.0.clone());
    run.record("groups.valle-seriana", valle.id.0.clone());
    run.record("groups.lab", lab.id.0.clone());
    Ok(())
}

/// A file of the demo: a title, folder, description, file name and bytes, deposited by a member.
struct DemoFile {
    group: String,
    by: &'static str,
    title: &'static str,
    folder: &'static str,
    description: &'static str,
    name: &'static str,
    bytes: Vec<u8>,
}

/// The documents each group deposited. The files go to the instance's store (the demo's
/// community carries its configuration) before the rows are written in the demo's one
/// transaction, as an upload does.
fn documents(run: &mut Community<'_>, valle: &str, lab: &str, piazza: &str) -> AppResult<()> {
    let Some(config) = run.storage.clone() else {
        return Ok(());
    };
    let files = [
        DemoFile {
            group: valle.into(),
            by: "paolo.greco",
            title: "Relazione intermedia del progetto",
            folder: "Relazioni",
            description: "Lo stato dei lavori a metà progetto: attività svolte con i tre partner, \
                          indicatori raccolti e prossimi incontri di mentoring.",
            name: "relazione-intermedia.pdf",
            bytes: tiny_pdf(&[
                "Territori inclusivi - Progetto Valle Seriana",
                "Relazione intermedia (bozza)",
                "Attivita svolte: 4 laboratori, 2 incontri di mentoring.",
            ]),
        },
        DemoFile {
            group: valle.into(),
            by: "paolo.greco",
            title: "Partner e referenti",
            folder: "Amministrazione",
            description: "I partner del progetto e chi li rappresenta.",
            name: "partner.csv",
            bytes: "ente,tipo,referente\nCodici Ricerca e Intervento,terzo settore,Paolo Greco\n\
                    Comune di Alzano Lombardo,comune,Ufficio politiche sociali\n\
                    Comunità Montana Valle Seriana,ente locale,Servizi alla persona\n"
                .as_bytes()
                .to_vec(),
        },
        DemoFile {
            group: lab.into(),
            by: "luca.ferrari",
            title: "Esperienze di cooperazione culturale già realizzate",
            folder: "Materiali",
            description: "L'elenco raccolto al primo incontro del laboratorio.",
            name: "esperienze.txt",
            bytes: "Esperienze di cooperazione culturale segnalate dai partecipanti\n\n\
                    - Biblioteca diffusa tra cinque comuni dell'entroterra\n\
                    - Rete dei musei civici con biglietto unico\n\
                    - Archivio condiviso delle feste tradizionali\n"
                .as_bytes()
                .to_vec(),
        },
        DemoFile {
            group: piazza.into(),
            by: "anna.marino",
            title: "Risultati del questionario interno",
            folder: "Questionario",
            description: "Le risposte aggregate al questionario sulle attività partecipative \
                          da cui è partita la comunità.",
            name: "questionario-risultati.csv",
            bytes: "domanda,risposte,si,no\n\
                    Il tuo ente ha svolto processi partecipativi negli ultimi 3 anni?,64,41,23\n\
                    Vorresti scambiare esperienze con altri funzionari?,64,59,5\n"
                .as_bytes()
                .to_vec(),
        },
        DemoFile {
            group: piazza.into(),
            by: "anna.marino",
            title: "Verbale del primo incontro",
            folder: "Verbali",
            description: "Presenti, temi discussi e impegni presi.",
            name: "verbale-primo-incontro.txt",
            bytes: "Verbale del primo incontro della Piazza\n\nTemi: il questionario interno, \
                    il calendario degli incontri, la bozza delle linee guida.\n"
                .as_bytes()
                .to_vec(),
        },
    ];
    let mut first = None;
    for f in files {
        let form = UploadForm {
            title: f.title.into(),
            description_md: f.description.into(),
            folder: f.folder.into(),
            file: Some(UploadedFile {
                name: f.name.into(),
                bytes: f.bytes.into(),
            }),
            ..UploadForm::default()
        };
        let (doc, file) = docs::check_upload(&form, true)?;
        put_blocking(&config, &file)?;
        let who = run.viewer(f.by)?;
        let id = docs::create(run.conn, &f.group, &who, Phase::Closed, &doc, &file)?;
        first.get_or_insert((f.group, who, id));
    }
    // A second version of the report: the first stays downloadable.
    if let Some((group, who, id)) = first {
        let form = UploadForm {
            file: Some(UploadedFile {
                name: "relazione-intermedia.pdf".into(),
                bytes: tiny_pdf(&[
                    "Territori inclusivi - Progetto Valle Seriana",
                    "Relazione intermedia (versione rivista dai partner)",
                    "Attivita svolte: 5 laboratori, 3 incontri di mentoring.",
                ])
                .into(),
            }),
            ..UploadForm::default()
        };
        let (_, file) = docs::check_upload(&form, false)?;
        put_blocking(&config, &file)?;
        docs::add_version(run.conn, &group, &who, Phase::Closed, &id, &file)?;
    }
    Ok(())
}

/// Stores a file from the demo's synchronous code, which may itself run inside an async
/// runtime (the tests): on a thread of its own, with a runtime and a store of its own.
fn put_blocking(config: &StorageConfig, file: &docs::CheckedFile) -> AppResult<()> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(AppError::internal)?;
            let store = FileStore::from_config(config)?;
            runtime.block_on(store.put(&file.key, file.bytes.clone()))
        })
        .join()
        .unwrap_or_else(|_| Err(AppError::internal("storing a demo file failed")))
    })
}

/// A small valid PDF (one page, Helvetica, one line per entry; ASCII text).
fn tiny_pdf(lines: &[&str]) -> Vec<u8> {
    let mut text = String::from("BT /F1 14 Tf 72 770 Td 18 TL\n");
    for line in lines {
        let escaped = line
            .replace('\\', "\\\\")
            .replace('(', "\\(")
            .replace(')', "\\)");
        text.push_str(&format!("({escaped}) Tj T*\n"));
    }
    text.push_str("ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{text}endstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The lab's "product": a page written in the group by two members, proposed for publication
/// and approved by the administrator, so the public wiki holds it with credit and history.
fn published_output(run: &mut Community<'_>, lab: &str) -> AppResult<()> {
    use prassi_wiki::service::{slug_of, PageInput, SaveInput};
    let phase = Phase::Closed;
    let title = "Scheda di valorizzazione delle esperienze di cooperazione culturale";
    let luca = run.viewer("luca.ferrari")?;
    let body = "## A cosa serve\n\nLa scheda aiuta un ente a descrivere un'esperienza di \
                cooperazione culturale già realizzata, perché altri possano riusarla.\n\n\
                ## Le voci\n\n1. Chi ha collaborato (enti e ruoli)\n2. Che cosa è stato fatto\n\
                3. Con quali risorse\n4. Che cosa ha funzionato e che cosa no\n";
    content::create_page(
        run.conn,
        &luca,
        phase,
        lab,
        &PageInput {
            title: title.into(),
            body_md: body.into(),
            categories: "Cultura, Prodotti dei gruppi".into(),
            summary: "Prima stesura al laboratorio".into(),
            ..PageInput::default()
        },
    )?;
    let slug = slug_of(title);
    let sara = run.viewer("sara.gallo")?;
    prassi_wiki::service::save(
        run.conn,
        &sara,
        phase,
        &slug,
        &SaveInput {
            title: title.into(),
            body_md: format!(
                "{body}5. Come misurarne gli effetti (partecipanti, pubblico, continuità)\n"
            ),
            categories: "Cultura, Prodotti dei gruppi".into(),
            summary: "Aggiunta la voce sugli effetti".into(),
            base_revision: 1,
            ..SaveInput::default()
        },
    )?;
    let id = publication::propose(run.conn, &luca, phase, lab, &ProposeInput { page: slug })?;
    let admin = run.viewer("admin")?;
    publication::decide(
        run.conn,
        &admin,
        phase,
        &id,
        &DecisionInput {
            decision: "approve".into(),
            reason: String::new(),
        },
    )?;
    Ok(())
}
