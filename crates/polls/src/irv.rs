//! Instant-runoff counting of ranked ballots, as a pure function so that it can be checked
//! against rounds counted by hand.
//!
//! **The rule.** Each round, every ballot counts for its highest-ranked option still in the
//! race; a ballot whose ranked options are all eliminated is *exhausted* and counts no more.
//! An option with more than half of the ballots still counting wins. Otherwise:
//!
//! - if every option still in the race has the same number of votes (two or more of them), the
//!   count ends in a tie, with no winner;
//! - else the options with no votes at all leave together (they cannot change the outcome);
//! - else the option with the fewest votes leaves. **Tie-break:** among the options with the
//!   fewest votes, the one with the fewest first-preference votes (round 1) leaves; if they
//!   are still level, the one listed last in the poll leaves (the highest position).
//!
//! Every round is kept, with the counts, the exhausted ballots and who left, so pages can show
//! how the result came about.

use serde::{Deserialize, Serialize};

/// One round of the count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Round {
    /// Votes per option position; `None` for an option no longer in the race.
    pub counts: Vec<Option<i64>>,
    /// Ballots with no option left in the race.
    pub exhausted: i64,
    /// Positions of the options that leave after this round.
    pub eliminated: Vec<usize>,
}

/// The whole count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Outcome {
    pub rounds: Vec<Round>,
    /// The winning option's position (`None`: no ballots, or a tie).
    pub winner: Option<usize>,
    /// The count ended with the options left all level.
    pub tie: bool,
    /// How many ballots were counted.
    pub ballots: i64,
}

/// Counts `ballots` (each a list of option positions, most preferred first; positions at or
/// beyond `options` and repeats are ignored) for a poll of `options` options.
pub fn count(options: usize, ballots: &[Vec<usize>]) -> Outcome {
    let mut in_race = vec![true; options];
    let mut rounds = Vec::new();
    let mut first: Vec<i64> = vec![0; options];
    let total = i64::try_from(ballots.len()).unwrap_or(i64::MAX);
    loop {
        let mut counts = vec![0i64; options];
        let mut exhausted = 0i64;
        for b in ballots {
            match b.iter().copied().find(|&p| p < options && in_race[p]) {
                Some(p) => counts[p] += 1,
                None => exhausted += 1,
            }
        }
        if rounds.is_empty() {
            first = counts.clone();
        }
        let shown: Vec<Option<i64>> = (0..options)
            .map(|p| in_race[p].then_some(counts[p]))
            .collect();
        let live: Vec<usize> = (0..options).filter(|&p| in_race[p]).collect();
        let continuing: i64 = live.iter().map(|&p| counts[p]).sum();
        let mut round = Round {
            counts: shown,
            exhausted,
            eliminated: Vec::new(),
        };
        if continuing == 0 || live.is_empty() {
            rounds.push(round);
            return Outcome {
                rounds,
                winner: None,
                tie: false,
                ballots: total,
            };
        }
        if let Some(&w) = live.iter().find(|&&p| counts[p] * 2 > continuing) {
            rounds.push(round);
            return Outcome {
                rounds,
                winner: Some(w),
                tie: false,
                ballots: total,
            };
        }
        let lowest = live.iter().map(|&p| counts[p]).min().unwrap_or(0);
        if live.len() > 1 && live.iter().all(|&p| counts[p] == lowest) {
            rounds.push(round);
            return Outcome {
                rounds,
                winner: None,
                tie: true,
                ballots: total,
            };
        }
        let leaving: Vec<usize> = if lowest == 0 {
            live.iter().copied().filter(|&p| counts[p] == 0).collect()
        } else {
            // Fewest votes, then fewest first preferences, then the last listed.
            live.iter()
                .copied()
                .filter(|&p| counts[p] == lowest)
                .min_by(|&a, &b| first[a].cmp(&first[b]).then(b.cmp(&a)))
                .into_iter()
                .collect()
        };
        for &p in &leaving {
            in_race[p] = false;
        }
        round.eliminated = leaving;
        rounds.push(round);
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    fn ballots(spec: &[(usize, &[usize])]) -> Vec<Vec<usize>> {
        spec.iter()
            .flat_map(|(n, b)| std::iter::repeat_n(b.to_vec(), *n))
            .collect()
    }

    #[test]
    fn a_majority_in_the_first_round_wins_at_once() {
        let out = count(3, &ballots(&[(3, &[0, 1]), (1, &[1]), (1, &[2, 0])]));
        assert_eq!(out.winner, Some(0));
        assert_eq!(out.rounds.len(), 1);
        assert_eq!(out.rounds[0].counts, vec![Some(3), Some(1), Some(1)]);
        assert!(!out.tie);
    }

    #[test]
    fn the_hand_counted_example_takes_three_rounds() {
        // 9 ballots over A, B, C, D (positions 0–3). Counted by hand:
        // round 1: A 4, B 2, C 2, D 1 → no majority (5 needed); D leaves.
        // round 2: D's ballot goes to C → A 4, B 2, C 3 → B leaves.
        // round 3: B's two ballots: one ranks C second, one A → A 5, C 4 of 9 → A wins.
        let b = ballots(&[
            (4, &[0]),
            (1, &[1, 2]),
            (1, &[1, 0]),
            (2, &[2, 1]),
            (1, &[3, 2]),
        ]);
        let out = count(4, &b);
        let counts: Vec<Vec<Option<i64>>> = out.rounds.iter().map(|r| r.counts.clone()).collect();
        assert_eq!(
            counts,
            vec![
                vec![Some(4), Some(2), Some(2), Some(1)],
                vec![Some(4), Some(2), Some(3), None],
                vec![Some(5), None, Some(4), None],
            ]
        );
        let gone: Vec<Vec<usize>> = out.rounds.iter().map(|r| r.eliminated.clone()).collect();
        assert_eq!(gone, vec![vec![3], vec![1], vec![]]);
        assert_eq!(out.winner, Some(0));
        assert_eq!(out.ballots, 9);
    }

    #[test]
    fn exhausted_ballots_leave_the_majority_threshold() {
        // Round 1: A 2, B 2, C 1 → C leaves; its ballot ranks nobody else: exhausted.
        // Round 2: A 2, B 2 of 4 counting → a tie between the two left.
        let out = count(3, &ballots(&[(2, &[0]), (2, &[1]), (1, &[2])]));
        assert_eq!(out.rounds.len(), 2);
        assert_eq!(out.rounds[1].exhausted, 1);
        assert_eq!(out.rounds[1].counts, vec![Some(2), Some(2), None]);
        assert!(out.tie);
        assert_eq!(out.winner, None);
    }

    #[test]
    fn level_last_places_go_by_first_preferences_then_by_the_last_listed() {
        // Round 1: A 3, B 2, C 2, D 0 → D (no votes) leaves.
        // Round 2 is the same: B and C level at 2 with the same first preferences: C, listed
        // after B, leaves; its ballots go to B → B 4, A 3 → B wins.
        let out = count(4, &ballots(&[(3, &[0]), (2, &[1]), (2, &[2, 1])]));
        let gone: Vec<Vec<usize>> = out.rounds.iter().map(|r| r.eliminated.clone()).collect();
        assert_eq!(gone, vec![vec![3], vec![2], vec![]]);
        assert_eq!(out.winner, Some(1));
        // With different first preferences, the one with fewer leaves even if listed first:
        // round 1: A 3, B 1, C 2, D 1 → B and D level at 1 with 1 first preference each: D,
        // listed last, leaves; D's ballot goes to B → round 2: A 3, B 2, C 2 → B and C level
        // at 2, but B had 1 first preference and C 2: B leaves; both of B's ballots rank C
        // next → round 3: A 3, C 4 → C wins.
        let out = count(
            4,
            &ballots(&[(3, &[0]), (1, &[1, 2]), (2, &[2]), (1, &[3, 1, 2])]),
        );
        let gone: Vec<Vec<usize>> = out.rounds.iter().map(|r| r.eliminated.clone()).collect();
        assert_eq!(gone, vec![vec![3], vec![1], vec![]]);
        assert_eq!(out.rounds[2].counts, vec![Some(3), None, Some(4), None]);
        assert_eq!(out.winner, Some(2));
    }

    #[test]
    fn no_ballots_and_odd_ballots_never_panic() {
        let out = count(3, &[]);
        assert_eq!(out.winner, None);
        assert_eq!(out.rounds.len(), 1);
        assert_eq!(out.ballots, 0);
        let out = count(2, &ballots(&[(1, &[7, 7, 1, 1])]));
        assert_eq!(out.winner, Some(1));
        let out = count(0, &ballots(&[(1, &[0])]));
        assert_eq!(out.winner, None);
        // All options level from the start: a tie in round 1.
        let out = count(2, &ballots(&[(1, &[0]), (1, &[1])]));
        assert!(out.tie);
        let json = serde_json::to_string(&out).unwrap();
        assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), out);
    }
}
