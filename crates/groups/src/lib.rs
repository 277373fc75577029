//! `prassi-groups`: working groups, the reserved areas of the community (Co.PIS: "i
//! partecipanti possono creare gruppi di lavoro e incontrarsi in aree riservate"; the projects
//! of Territori inclusivi, the Formez labs and regional tables, the Emilia-Romagna "Piazza").
//! A group has a visibility (public, listed, secret) and a join policy (open, by request, by
//! invitation), coordinators and members, a log of every change, its own discussions, wiki
//! pages and questions, a documents deposit with versions, and proposals to publish its pages
//! as public knowledge. Every page and call goes through [`access::readable_group`].

pub mod access;
pub mod content;
pub mod documents;

use actix_web::web;

/// The working groups module, as the server's module list holds it.
pub struct Groups;

impl prassi_core::Module for Groups {
    fn name(&self) -> &'static str {
        "groups"
    }

    fn configure(&self, cfg: &mut web::ServiceConfig) {
        documents::configure(cfg);
        content::configure(cfg);
    }
}
