DROP TABLE questionnaire_answers;
DROP TABLE questionnaire_responses;
DROP TABLE questionnaire_tallies;
DROP TABLE questionnaire_options;
DROP TABLE questionnaire_questions;
DROP TABLE questionnaire_sections;
DROP TABLE questionnaires;
