DROP TABLE forum_member_stats;
