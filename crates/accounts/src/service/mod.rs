//! Account services: the rules of registration, sign-in, passwords, profiles, the directory,
//! approvals and site administration. Pages and the JSON API both call these functions, so the
//! two can never disagree. Every function takes a connection; writes run inside the caller's
//! write transaction (`AppState::write`).

mod a11y;
mod admin;
mod api_tokens;
mod legal;
mod organisations;
mod passwords;
mod profiles;
mod registration;
mod sign_in;
mod validation;

pub use prassi_core::mail::MailContext;

pub use a11y::{
    a11y_reports, check_report, new_a11y_report_count, send_report, set_a11y_report_status,
    ReportInput, MAX_REPORTS_PER_ADDRESS, REPORT_WINDOW_MINUTES,
};
pub use admin::{
    admin_users, approve, create_user_direct, decline, insert_confirmed_user, invite,
    pending_requests, set_group_creators, set_phase, set_registration_policy, set_role,
    set_suspended,
};
pub use api_tokens::{create_token, list_tokens, revoke_token, revoke_token_secret};
pub use legal::{check_legal, set_legal_settings, LegalInput};
pub use organisations::{find_or_create_organisation, list_organisations};
pub use passwords::{change_password, request_password_reset, reset_password, reset_token_valid};
pub use profiles::{
    directory, directory_areas, member_profile, member_profile_with_activity, own_account,
    update_profile, DirectoryQuery, MemberView, OrganisationView, ProfileInput,
};
pub use registration::{register, verify_email, Registered, RegistrationInput};
pub use sign_in::{
    login, purge_old_attempts, LoginOutcome, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS,
    THROTTLE_WINDOW_MINUTES,
};
pub use validation::{normalize_email, normalize_username, parse_expertise};

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);
