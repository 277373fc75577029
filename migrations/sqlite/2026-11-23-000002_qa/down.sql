DROP TABLE expert_invitations;
DROP TABLE qa_revisions;
DROP TABLE qa_votes;
DROP TABLE qa_comments;
DROP TABLE answers;
DROP TABLE question_tags;
DROP TABLE questions;
DROP TABLE tags;
