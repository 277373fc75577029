//! The module seam (`prassi_core::Module`, `prassi_server::modules()`): every module in the
//! list has working hooks — its entry pages answer, its home cards have their messages in both
//! languages, its outbox topics have handlers, and its search kinds are filled by a reindex.

use prassi_core::search::DocKind;
use prassi_core::Module;

use super::*;

fn modules() -> &'static [&'static dyn Module] {
    prassi_server::modules()
}

#[test]
fn module_names_are_unique_and_every_search_kind_has_exactly_one_owner() {
    let mut names: Vec<&str> = modules().iter().map(|m| m.name()).collect();
    names.sort();
    let count = names.len();
    names.dedup();
    assert_eq!(names.len(), count, "duplicate module names: {names:?}");

    let mut owned: Vec<DocKind> = modules()
        .iter()
        .flat_map(|m| m.search_kinds())
        .copied()
        .collect();
    owned.sort_by_key(|k| k.as_str());
    let mut all = DocKind::ALL.to_vec();
    all.sort_by_key(|k| k.as_str());
    assert_eq!(
        owned, all,
        "each search kind must be owned by exactly one module"
    );
}

#[test]
fn home_cards_have_their_messages_in_every_language() {
    for module in modules() {
        for card in module.home_cards() {
            assert!(card.href.starts_with('/'), "{}: {card:?}", module.name());
            for lang in prassi_core::i18n::LANGUAGES {
                for key in card.message_keys() {
                    assert_ne!(
                        prassi_core::i18n::t(lang, &key),
                        key,
                        "module {}: message {key} missing in {lang}",
                        module.name()
                    );
                }
            }
        }
    }
}

#[test]
fn every_outbox_topic_a_module_declares_has_a_handler_in_the_worker() {
    let topics = prassi_server::worker().topics();
    for module in modules() {
        for t in module.outbox_topics() {
            assert!(
                topics.iter().any(|known| known == t.topic),
                "{}: {}",
                module.name(),
                t.topic
            );
        }
    }
    assert!(
        topics.iter().any(|t| t == prassi_core::mail::TOPIC),
        "{topics:?}"
    );
}

both_backends! {
    async fn every_modules_entry_pages_answer_a_member_and_its_cards_show_on_the_home_page(app) {
        app.set_phase(3);
        let mut c = app.signed_in("anna", Role::Member).await;
        for module in modules() {
            for path in module.entry_paths() {
                let r = c.get(path).await;
                assert_eq!(r.status, StatusCode::OK, "module {}: GET {path}", module.name());
            }
        }
        let home = c.get("/").await;
        for module in modules() {
            for card in module.home_cards() {
                assert!(
                    home.body.contains(&format!("href=\"{}\"", card.href)),
                    "module {}: card {} not on the home page",
                    module.name(),
                    card.key
                );
            }
        }
    }
}

both_backends! {
    async fn a_reindex_fills_every_search_kind_of_every_module(app) {
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let counts = prassi_search::documents::reindex(&mut app.conn(), &app.platform.state).unwrap();
        for module in modules() {
            for kind in module.search_kinds() {
                if *kind == DocKind::Reply {
                    // The demo community's discussions have no replies yet.
                    continue;
                }
                assert!(
                    counts.get(kind.as_str()).copied().unwrap_or(0) > 0,
                    "module {}: no {} documents after a reindex: {counts:?}",
                    module.name(),
                    kind.as_str()
                );
            }
        }
    }
}

#[test]
fn every_notification_kind_belongs_to_exactly_one_module() {
    let mut owned: Vec<&str> = modules()
        .iter()
        .flat_map(|m| m.notification_kinds())
        .map(|k| k.as_str())
        .collect();
    owned.sort_unstable();
    let mut all: Vec<&str> = prassi_core::notify::EventKind::ALL
        .iter()
        .map(|k| k.as_str())
        .collect();
    all.sort_unstable();
    assert_eq!(owned, all);
}

both_backends! {
    async fn writing_in_qa_forum_and_wiki_records_typed_notification_events(app) {
        use diesel::prelude::*;
        use prassi_db::schema::notification_events;
        app.user("anna", Role::Member);
        app.user("bruno", Role::Member);
        app.tag("terzo-settore", "");
        let q = app
            .question("anna", "Come si organizza un tavolo di co-progettazione?")
            .tags("terzo-settore")
            .create();
        app.answer("bruno", &q.id, "Con un avviso pubblico e un calendario condiviso.");
        app.wiki_page("anna", "Co-progettazione").body("Una guida.").create();
        let category = app.forum_category("Generale", "members");
        app.discussion("bruno", &category, "Benvenuti").reply("anna", "Grazie!").create();
        let mut kinds: Vec<String> = notification_events::table
            .select(notification_events::kind)
            .load(&mut app.conn())
            .unwrap();
        kinds.sort();
        assert_eq!(
            kinds,
            vec![
                "forum.discussion_started",
                "forum.reply_posted",
                "qa.answer_posted",
                "qa.question_asked",
                "wiki.page_created",
            ],
            "{kinds:?}"
        );
    }
}

#[test]
fn demo_content_runs_after_the_modules_it_builds_on_and_accounts_first() {
    let ordered = prassi_server::demo::ordered().expect("no cycle");
    let names: Vec<&str> = ordered.iter().map(|(m, _)| m.name()).collect();
    assert_eq!(
        names.first(),
        Some(&"accounts"),
        "members write everything else: {names:?}"
    );
    for (i, (module, demo)) in ordered.iter().enumerate() {
        for after in demo.after {
            let j = names.iter().position(|n| n == after).unwrap_or_else(|| {
                panic!(
                    "module {}: its demo content runs after {after}, which has none",
                    module.name()
                )
            });
            assert!(
                j < i,
                "module {}: runs before {after}: {names:?}",
                module.name()
            );
        }
    }
}

both_backends! {
    async fn every_modules_demo_content_is_made_and_its_check_refuses_a_second_demo(app) {
        prassi_server::demo::fill(&app.platform.state).unwrap();
        let mut conn = app.conn();
        for (module, demo) in prassi_server::demo::ordered().unwrap() {
            assert!(
                (demo.existing)(&mut conn).unwrap().is_some(),
                "module {}: after `prassi demo` its `existing` check finds nothing",
                module.name()
            );
        }
    }
}

#[test]
fn every_home_block_template_has_its_messages_in_every_language() {
    // The block templates name their messages literally: find each `t(key="…")` and check it.
    for module in modules() {
        for section in module.home_blocks() {
            let name = module.name();
            // A block `qa` has the template `qa/_home.html`; a block `qa-expertise`,
            // `qa/_home_expertise.html`.
            let file = match section.key.strip_prefix(name) {
                Some("") => "_home.html".to_owned(),
                Some(rest) => format!("_home_{}.html", rest.trim_start_matches('-')),
                None => panic!(
                    "block {} of module {name} is not named after it",
                    section.key
                ),
            };
            let path = format!(
                "{}/../themes/default/templates/{name}/{file}",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            for part in text.split("t(key=\"").skip(1) {
                let key = part.split('"').next().unwrap();
                for lang in prassi_core::i18n::LANGUAGES {
                    // Every argument a block passes is a count (or unused by the message).
                    let args = [("count", prassi_core::i18n::FluentArg::Num(2))];
                    assert_ne!(
                        prassi_core::i18n::t_args(lang, key, &args),
                        key,
                        "module {name}: message {key} missing in {lang}"
                    );
                }
            }
        }
    }
}
