//! Seating participants at networking tables so that each table mixes organisations.
//!
//! The point of a Co-Labora networking table is to meet people from *other* administrations, so
//! two colleagues at one table is a small failure. The seating is computed exactly rather than
//! dealt greedily: a greedy deal can fill the only tables an organisation could still use and
//! force a repeat that another seating avoids. Here the choice is a min-cost flow from
//! organisations to tables, with costs compared in order of importance:
//!
//! 1. seat as many people as there are free seats, first come (in the order given) first served;
//! 2. as few pairs of colleagues at one table as possible, so an organisation repeats only when
//!    that is unavoidable, and then spreads evenly (its counts per table differ by at most one
//!    where capacities allow);
//! 3. tables as even in size as capacities allow.
//!
//! Pure and deterministic: no randomness, no iteration over hash maps; ties fall to earlier
//! tables and earlier participants.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::ops::{Add, Mul, Neg, Sub};

/// Someone to seat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// Participant identifier, unique per person.
    pub participant: String,
    /// Organisation identifier, compared exactly; `None` means unaffiliated, which never
    /// conflicts with anyone.
    pub organisation: Option<String>,
}

/// A table and how many people it seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCap {
    /// Table identifier; a repeated identifier is ignored after its first appearance.
    pub table: String,
    /// Seats, counting those already taken; `None` means unlimited.
    pub seats: Option<u32>,
}

/// A participant seated at a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    /// Table identifier.
    pub table: String,
    /// Participant identifier.
    pub participant: String,
}

/// Seats every participant of `participants` who is not in `already`, and returns only these
/// new assignments, in the order of `participants`.
///
/// Those in `already` keep their table and take one of its seats (an assignment to a table not
/// in `tables` takes no seat, but its participant is still not seated again). When there are
/// fewer free seats than people to seat, the first ones in `participants` get them and the
/// rest are left out of the result. A participant listed twice is seated once.
///
/// Among seatings of those people, the result has the fewest pairs of people from the same
/// organisation at one table, and among those the most even table sizes (see the module
/// documentation). Cost: one shortest-path search per person seated, over a graph of
/// organisations × tables.
pub fn assign(
    participants: &[Seat],
    tables: &[TableCap],
    already: &[Assignment],
) -> Vec<Assignment> {
    let mut table_ids: Vec<&str> = Vec::new();
    let mut capacities: Vec<Option<u32>> = Vec::new();
    let mut table_of: HashMap<&str, usize> = HashMap::new();
    for t in tables {
        if !table_of.contains_key(t.table.as_str()) {
            table_of.insert(&t.table, table_ids.len());
            table_ids.push(&t.table);
            capacities.push(t.seats);
        }
    }

    let mut organisation_of: HashMap<&str, Option<&str>> = HashMap::new();
    for p in participants {
        organisation_of
            .entry(&p.participant)
            .or_insert(p.organisation.as_deref());
    }

    // What is already at each table.
    let mut seated: HashSet<&str> = HashSet::new();
    let mut occupied = vec![0_i64; table_ids.len()];
    let mut colleagues_at: HashMap<(&str, usize), i64> = HashMap::new();
    for a in already {
        if !seated.insert(&a.participant) {
            continue;
        }
        if let Some(&t) = table_of.get(a.table.as_str()) {
            occupied[t] += 1;
            if let Some(Some(org)) = organisation_of.get(a.participant.as_str()) {
                *colleagues_at.entry((org, t)).or_default() += 1;
            }
        }
    }

    // Who gets a seat: first come, first served.
    let mut newcomers: Vec<(usize, &Seat)> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for (i, p) in participants.iter().enumerate() {
        if !seated.contains(p.participant.as_str()) && seen.insert(&p.participant) {
            newcomers.push((i, p));
        }
    }
    let wanted = i64::try_from(newcomers.len()).unwrap_or(i64::MAX);
    let free: Vec<i64> = capacities
        .iter()
        .zip(&occupied)
        .map(|(cap, taken)| match cap {
            None => wanted,
            Some(cap) => (i64::from(*cap) - taken).clamp(0, wanted),
        })
        .collect();
    let total_free = free.iter().fold(0_i64, |sum, f| sum.saturating_add(*f));
    newcomers.truncate(usize::try_from(total_free).unwrap_or(usize::MAX));

    // Groups that can conflict: organisations with at least two people at the event. Anyone
    // else (unaffiliated, or the only one from their organisation) goes in the last, free group.
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut loners: Vec<(usize, &Seat)> = Vec::new();
    let mut head_count: HashMap<&str, usize> = HashMap::new();
    for ((org, _), n) in &colleagues_at {
        *head_count.entry(org).or_default() += usize::try_from(*n).unwrap_or(usize::MAX);
    }
    for (_, p) in &newcomers {
        if let Some(org) = p.organisation.as_deref() {
            *head_count.entry(org).or_default() += 1;
        }
    }
    for &(i, p) in &newcomers {
        match p.organisation.as_deref() {
            Some(org) if head_count.get(org).copied().unwrap_or(0) >= 2 => {
                let g = *group_of.entry(org).or_insert_with(|| {
                    groups.push(Group {
                        organisation: Some(org),
                        members: Vec::new(),
                    });
                    groups.len() - 1
                });
                groups[g].members.push((i, p));
            }
            _ => loners.push((i, p)),
        }
    }
    groups.push(Group {
        organisation: None,
        members: loners,
    });

    // Network: source → group → table → sink, one unit of flow per person.
    const SOURCE: usize = 0;
    const SINK: usize = 1;
    let group_node = |g: usize| 2 + g;
    let table_node = |t: usize| 2 + groups.len() + t;
    let mut net = Network::new(2 + groups.len() + table_ids.len());
    let mut group_arcs: Vec<Vec<(usize, usize)>> = Vec::with_capacity(groups.len());
    for (g, group) in groups.iter().enumerate() {
        let n = i64::try_from(group.members.len()).unwrap_or(i64::MAX);
        net.add_arc(SOURCE, group_node(g), n, Cost::ZERO, Cost::ZERO);
        let mut arcs = Vec::new();
        for (t, &room) in free.iter().enumerate() {
            let cap = n.min(room);
            if cap == 0 {
                continue;
            }
            // The k-th colleague at a table makes k-1 new pairs: a convex cost, so colleagues
            // spread out before any table gets a second, third… one.
            let (base, slope) = match group.organisation {
                Some(org) => (
                    Cost::pairs(colleagues_at.get(&(org, t)).copied().unwrap_or(0)),
                    Cost::pairs(1),
                ),
                None => (Cost::ZERO, Cost::ZERO),
            };
            arcs.push((
                t,
                net.add_arc(group_node(g), table_node(t), cap, base, slope),
            ));
        }
        group_arcs.push(arcs);
    }
    for (t, &room) in free.iter().enumerate() {
        // The j-th person at a table costs j: minimises the sum of squared sizes.
        net.add_arc(
            table_node(t),
            SINK,
            room,
            Cost::balance(occupied[t]),
            Cost::balance(1),
        );
    }
    for _ in 0..newcomers.len() {
        if !net.push_one(SOURCE, SINK) {
            break;
        }
    }

    // Deal each group's members, in order, to its tables, in order.
    let mut result: Vec<(usize, Assignment)> = Vec::with_capacity(newcomers.len());
    for (group, arcs) in groups.iter().zip(&group_arcs) {
        let mut members = group.members.iter();
        for &(t, arc) in arcs {
            for _ in 0..net.flow(arc) {
                if let Some((i, p)) = members.next() {
                    result.push((
                        *i,
                        Assignment {
                            table: table_ids[t].to_owned(),
                            participant: p.participant.clone(),
                        },
                    ));
                }
            }
        }
    }
    result.sort_by_key(|(i, _)| *i);
    result.into_iter().map(|(_, a)| a).collect()
}

/// People seated as one: an organisation's, or (without one) everyone who cannot conflict.
struct Group<'a> {
    organisation: Option<&'a str>,
    /// (position in `participants`, who), in that order.
    members: Vec<(usize, &'a Seat)>,
}

/// A cost compared lexicographically: fewer same-organisation pairs first, then balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Cost {
    pairs: i64,
    balance: i64,
}

impl Cost {
    const ZERO: Cost = Cost {
        pairs: 0,
        balance: 0,
    };

    fn pairs(pairs: i64) -> Self {
        Cost { pairs, balance: 0 }
    }

    fn balance(balance: i64) -> Self {
        Cost { pairs: 0, balance }
    }
}

impl Add for Cost {
    type Output = Cost;
    fn add(self, o: Cost) -> Cost {
        Cost {
            pairs: self.pairs.saturating_add(o.pairs),
            balance: self.balance.saturating_add(o.balance),
        }
    }
}

impl Sub for Cost {
    type Output = Cost;
    fn sub(self, o: Cost) -> Cost {
        self + -o
    }
}

impl Neg for Cost {
    type Output = Cost;
    fn neg(self) -> Cost {
        Cost {
            pairs: self.pairs.saturating_neg(),
            balance: self.balance.saturating_neg(),
        }
    }
}

impl Mul<i64> for Cost {
    type Output = Cost;
    fn mul(self, k: i64) -> Cost {
        Cost {
            pairs: self.pairs.saturating_mul(k),
            balance: self.balance.saturating_mul(k),
        }
    }
}

/// An arc whose next unit of flow costs `base + slope × flow` (convex costs).
struct Arc {
    from: usize,
    to: usize,
    cap: i64,
    flow: i64,
    base: Cost,
    slope: Cost,
}

/// Min-cost flow by successive shortest paths, one unit at a time (which convex arcs need),
/// with Dijkstra on reduced costs.
struct Network {
    arcs: Vec<Arc>,
    /// Per node: (arc index, whether the arc leaves this node).
    out: Vec<Vec<(usize, bool)>>,
    potential: Vec<Cost>,
}

impl Network {
    fn new(nodes: usize) -> Self {
        Network {
            arcs: Vec::new(),
            out: vec![Vec::new(); nodes],
            potential: vec![Cost::ZERO; nodes],
        }
    }

    fn add_arc(&mut self, from: usize, to: usize, cap: i64, base: Cost, slope: Cost) -> usize {
        let index = self.arcs.len();
        self.arcs.push(Arc {
            from,
            to,
            cap,
            flow: 0,
            base,
            slope,
        });
        self.out[from].push((index, true));
        self.out[to].push((index, false));
        index
    }

    fn flow(&self, arc: usize) -> i64 {
        self.arcs.get(arc).map_or(0, |a| a.flow)
    }

    /// Pushes one unit along a cheapest path; false when the sink cannot be reached.
    fn push_one(&mut self, source: usize, sink: usize) -> bool {
        let n = self.out.len();
        let mut dist: Vec<Option<Cost>> = vec![None; n];
        let mut via: Vec<Option<(usize, bool)>> = vec![None; n];
        let mut done = vec![false; n];
        let mut heap = BinaryHeap::new();
        dist[source] = Some(Cost::ZERO);
        heap.push(Reverse((Cost::ZERO, source)));
        while let Some(Reverse((d, u))) = heap.pop() {
            if done[u] {
                continue;
            }
            done[u] = true;
            for &(e, forward) in &self.out[u] {
                let arc = &self.arcs[e];
                let (v, residual, cost) = if forward {
                    (arc.to, arc.cap - arc.flow, arc.base + arc.slope * arc.flow)
                } else {
                    (arc.from, arc.flow, -(arc.base + arc.slope * (arc.flow - 1)))
                };
                if residual <= 0 || done[v] {
                    continue;
                }
                // Reduced costs stay non-negative (see the potential update below).
                let nd = d + cost + self.potential[u] - self.potential[v];
                if dist[v].is_none_or(|old| nd < old) {
                    dist[v] = Some(nd);
                    via[v] = Some((e, forward));
                    heap.push(Reverse((nd, v)));
                }
            }
        }
        let Some(to_sink) = dist[sink] else {
            return false;
        };
        // π'(v) = π(v) + min(d(v), d(sink)) keeps every residual reduced cost non-negative,
        // also for nodes not reached this time.
        for (p, d) in self.potential.iter_mut().zip(&dist) {
            *p = *p + d.map_or(to_sink, |d| d.min(to_sink));
        }
        let mut v = sink;
        while v != source {
            let Some((e, forward)) = via[v] else {
                return false;
            };
            let arc = &mut self.arcs[e];
            if forward {
                arc.flow += 1;
                v = arc.from;
            } else {
                arc.flow -= 1;
                v = arc.to;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seat(participant: &str, organisation: Option<&str>) -> Seat {
        Seat {
            participant: participant.into(),
            organisation: organisation.map(Into::into),
        }
    }

    fn table(name: &str, seats: Option<u32>) -> TableCap {
        TableCap {
            table: name.into(),
            seats,
        }
    }

    fn sat(table: &str, participant: &str) -> Assignment {
        Assignment {
            table: table.into(),
            participant: participant.into(),
        }
    }

    /// Everyone at each table (already seated and new), as organisations (`None` for
    /// unaffiliated), in table order.
    fn by_table<'a>(
        participants: &'a [Seat],
        tables: &[TableCap],
        seating: impl IntoIterator<Item = &'a Assignment>,
    ) -> Vec<Vec<Option<&'a str>>> {
        let mut out = vec![Vec::new(); tables.len()];
        for a in seating {
            let t = tables.iter().position(|t| t.table == a.table);
            let org = participants
                .iter()
                .find(|p| p.participant == a.participant)
                .and_then(|p| p.organisation.as_deref());
            if let Some(t) = t {
                out[t].push(org);
            }
        }
        out
    }

    fn count(orgs: &[Option<&str>], org: &str) -> usize {
        orgs.iter().filter(|o| **o == Some(org)).count()
    }

    /// (same-organisation pairs, sum over tables of size·(size−1)/2): what the seating
    /// minimises, in that order.
    fn score(seating: &[Vec<Option<&str>>]) -> (usize, usize) {
        let mut pairs = 0;
        let mut balance = 0;
        for orgs in seating {
            let mut distinct: Vec<&str> = orgs.iter().flatten().copied().collect();
            distinct.sort_unstable();
            distinct.dedup();
            for org in distinct {
                let k = count(orgs, org);
                pairs += k * (k - 1) / 2;
            }
            balance += orgs.len() * orgs.len().saturating_sub(1) / 2;
        }
        (pairs, balance)
    }

    #[test]
    fn twelve_people_from_four_organisations_make_three_fully_mixed_tables() {
        let people: Vec<Seat> = (0..12)
            .map(|i| seat(&format!("p{i}"), Some(["A", "B", "C", "D"][i / 3])))
            .collect();
        let tables = [
            table("T1", Some(4)),
            table("T2", Some(4)),
            table("T3", Some(4)),
        ];
        let result = assign(&people, &tables, &[]);
        assert_eq!(result.len(), 12);
        for orgs in by_table(&people, &tables, &result) {
            assert_eq!(orgs.len(), 4);
            for org in ["A", "B", "C", "D"] {
                assert_eq!(count(&orgs, org), 1, "{orgs:?}");
            }
        }
    }

    #[test]
    fn an_organisation_larger_than_the_tables_repeats_evenly() {
        let mut people: Vec<Seat> = (0..8).map(|i| seat(&format!("a{i}"), Some("A"))).collect();
        people.extend((0..4).map(|i| seat(&format!("b{i}"), Some("B"))));
        people.push(seat("x", None));
        let tables = [table("T1", None), table("T2", None), table("T3", None)];
        let result = assign(&people, &tables, &[]);
        assert_eq!(result.len(), 13);
        let seating = by_table(&people, &tables, &result);
        let a: Vec<usize> = seating.iter().map(|o| count(o, "A")).collect();
        let b: Vec<usize> = seating.iter().map(|o| count(o, "B")).collect();
        let sizes: Vec<usize> = seating.iter().map(Vec::len).collect();
        for counts in [&a, &b, &sizes] {
            let spread = counts.iter().max().unwrap_or(&0) - counts.iter().min().unwrap_or(&0);
            assert!(spread <= 1, "{counts:?}");
        }
    }

    #[test]
    fn capacity_is_respected_and_latecomers_are_left_out() {
        let people: Vec<Seat> = (0..7).map(|i| seat(&format!("p{i}"), None)).collect();
        let tables = [
            table("T1", Some(2)),
            table("T2", Some(3)),
            table("T3", Some(0)),
        ];
        let result = assign(&people, &tables, &[]);
        let names: Vec<&str> = result.iter().map(|a| a.participant.as_str()).collect();
        assert_eq!(names, ["p0", "p1", "p2", "p3", "p4"]);
        let sizes: Vec<usize> = by_table(&people, &tables, &result)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [2, 3, 0]);
    }

    #[test]
    fn tables_are_balanced_within_their_capacities() {
        let people: Vec<Seat> = (0..6).map(|i| seat(&format!("p{i}"), None)).collect();
        let tables = [
            table("Big", Some(10)),
            table("Small", Some(2)),
            table("Mid", None),
        ];
        let result = assign(&people, &tables, &[]);
        let sizes: Vec<usize> = by_table(&people, &tables, &result)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [2, 2, 2]);

        let tables = [table("Big", Some(10)), table("Small", Some(1))];
        let result = assign(&people, &tables, &[]);
        let sizes: Vec<usize> = by_table(&people, &tables, &result)
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes, [5, 1]);
    }

    #[test]
    fn those_already_seated_keep_their_table_and_take_its_seats() {
        let people = [
            seat("a1", Some("A")),
            seat("a2", Some("A")),
            seat("b1", Some("B")),
            seat("c1", Some("C")),
        ];
        let tables = [table("T1", Some(2)), table("T2", Some(2))];
        let already = [sat("T1", "a1")];
        let result = assign(&people, &tables, &already);
        assert!(result.iter().all(|a| a.participant != "a1"));
        assert!(result.contains(&sat("T2", "a2")), "{result:?}");
        let seating = by_table(&people, &tables, already.iter().chain(&result));
        assert_eq!(seating.iter().map(Vec::len).collect::<Vec<_>>(), [2, 2]);
    }

    #[test]
    fn someone_already_seated_at_an_unknown_table_is_not_seated_again() {
        let people = [seat("a1", Some("A")), seat("b1", Some("B"))];
        let tables = [table("T1", Some(1))];
        let result = assign(&people, &tables, &[sat("Gone", "a1")]);
        assert_eq!(result, [sat("T1", "b1")]);
    }

    #[test]
    fn unaffiliated_people_never_count_as_colleagues() {
        let people = [
            seat("a1", Some("A")),
            seat("a2", Some("A")),
            seat("x1", None),
            seat("x2", None),
        ];
        let tables = [table("T1", Some(2)), table("T2", Some(2))];
        let result = assign(&people, &tables, &[]);
        let seating = by_table(&people, &tables, &result);
        assert_eq!(seating, [vec![Some("A"), None], vec![Some("A"), None]]);

        let alone = [seat("x1", None), seat("x2", None), seat("x3", None)];
        let result = assign(&alone, &[table("T1", Some(3))], &[]);
        assert_eq!(result.len(), 3);
    }

    #[test]
    fn a_repeat_that_a_greedy_deal_would_make_is_avoided() {
        // Dealing A first to the empty tables T1 and T2 would leave B only T3, twice.
        let people = [
            seat("a1", Some("A")),
            seat("a2", Some("A")),
            seat("b1", Some("B")),
            seat("b2", Some("B")),
        ];
        let tables = [
            table("T1", Some(1)),
            table("T2", Some(1)),
            table("T3", Some(2)),
        ];
        let result = assign(&people, &tables, &[]);
        assert_eq!(result.len(), 4);
        let seating = by_table(&people, &tables, &result);
        assert_eq!(score(&seating).0, 0, "{seating:?}");
    }

    #[test]
    fn duplicates_are_seated_once_and_repeated_tables_ignored() {
        let people = [seat("p", None), seat("p", Some("A")), seat("q", None)];
        let tables = [
            table("T1", Some(1)),
            table("T1", Some(5)),
            table("T2", Some(1)),
        ];
        let result = assign(&people, &tables, &[]);
        assert_eq!(result, [sat("T1", "p"), sat("T2", "q")]);
    }

    #[test]
    fn no_tables_or_no_people_seat_nobody() {
        assert!(assign(&[seat("p", None)], &[], &[]).is_empty());
        assert!(assign(&[], &[table("T1", None)], &[]).is_empty());
        assert!(assign(&[seat("p", None)], &[table("T1", Some(0))], &[]).is_empty());
    }

    /// Numerical Recipes' LCG: deterministic inputs without a new dependency.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from((self.0 >> 33) % (n.max(1) as u64)).unwrap_or(0)
        }
    }

    struct Case {
        people: Vec<Seat>,
        tables: Vec<TableCap>,
        already: Vec<Assignment>,
    }

    fn generate(rng: &mut Lcg, max_people: usize, max_tables: usize) -> Case {
        let orgs = 1 + rng.below(5);
        let people: Vec<Seat> = (0..rng.below(max_people + 1))
            .map(|i| {
                let org = rng.below(orgs + 1);
                let org = (org < orgs).then(|| format!("O{org}"));
                seat(&format!("p{i}"), org.as_deref())
            })
            .collect();
        let unlimited = rng.below(4) == 0;
        let tables: Vec<TableCap> = (0..1 + rng.below(max_tables))
            .map(|t| {
                let seats = if unlimited || rng.below(6) == 0 {
                    None
                } else {
                    u32::try_from(rng.below(6)).ok()
                };
                table(&format!("T{t}"), seats)
            })
            .collect();
        let mut already = Vec::new();
        let mut taken = vec![0; tables.len()];
        for p in &people {
            if rng.below(5) == 0 {
                let t = rng.below(tables.len());
                if tables[t].seats.is_none_or(|s| taken[t] < s) {
                    taken[t] += 1;
                    already.push(sat(&tables[t].table, &p.participant));
                }
            }
        }
        Case {
            people,
            tables,
            already,
        }
    }

    fn free_seats(case: &Case) -> Option<usize> {
        case.tables.iter().try_fold(0, |sum, t| {
            let taken = case.already.iter().filter(|a| a.table == t.table).count();
            t.seats.map(|s| sum + (s as usize).saturating_sub(taken))
        })
    }

    #[test]
    fn the_seating_is_deterministic() {
        let mut rng = Lcg(7);
        for _ in 0..50 {
            let case = generate(&mut rng, 40, 6);
            let first = assign(&case.people, &case.tables, &case.already);
            let second = assign(&case.people, &case.tables, &case.already);
            assert_eq!(first, second);
        }
    }

    #[test]
    fn generated_seatings_keep_every_rule() {
        let mut rng = Lcg(2027);
        for round in 0..400 {
            let case = generate(&mut rng, 40, 8);
            let result = assign(&case.people, &case.tables, &case.already);
            let context = format!("round {round}: {result:?}");

            // Nobody twice, nobody already seated, only known people and tables.
            let mut names: Vec<&str> = result.iter().map(|a| a.participant.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), result.len(), "{context}");
            for a in &result {
                assert!(case.already.iter().all(|b| b.participant != a.participant));
                assert!(case.people.iter().any(|p| p.participant == a.participant));
                assert!(case.tables.iter().any(|t| t.table == a.table));
            }

            // Everyone seated while seats last, first come first served.
            let waiting: Vec<&Seat> = case
                .people
                .iter()
                .filter(|p| case.already.iter().all(|a| a.participant != p.participant))
                .collect();
            let expected = free_seats(&case).map_or(waiting.len(), |f| f.min(waiting.len()));
            assert_eq!(result.len(), expected, "{context}");
            for (a, p) in result.iter().zip(&waiting) {
                assert_eq!(a.participant, p.participant, "{context}");
            }

            // No table over capacity.
            let seating = by_table(
                &case.people,
                &case.tables,
                case.already.iter().chain(&result),
            );
            for (orgs, t) in seating.iter().zip(&case.tables) {
                assert!(
                    t.seats.is_none_or(|s| orgs.len() <= s as usize),
                    "{context}"
                );
            }

            // With unlimited tables, an organisation no larger than the number of tables
            // never repeats, and a larger one differs by at most one between tables.
            if case.tables.iter().all(|t| t.seats.is_none()) && case.already.is_empty() {
                for o in 0..5 {
                    let org = format!("O{o}");
                    let counts: Vec<usize> = seating.iter().map(|s| count(s, &org)).collect();
                    let max = counts.iter().max().copied().unwrap_or(0);
                    let min = counts.iter().min().copied().unwrap_or(0);
                    assert!(max - min <= 1, "{context} {org} {counts:?}");
                }
            }

            // No single move of a new person to a table with a free seat, nor a swap of two
            // new people, would make fewer colleague pairs, or (with as many pairs) more even
            // tables: the seating is locally optimal whatever the capacities.
            let org_of = |name: &str| {
                case.people
                    .iter()
                    .find(|p| p.participant == name)
                    .and_then(|p| p.organisation.as_deref())
            };
            let table_index = |name: &str| case.tables.iter().position(|t| t.table == name);
            for x in &result {
                let (Some(from), ox) = (table_index(&x.table), org_of(&x.participant)) else {
                    continue;
                };
                let here = ox.map_or(1, |o| count(&seating[from], o));
                for (to, orgs) in seating.iter().enumerate() {
                    if to == from {
                        continue;
                    }
                    let there = ox.map_or(0, |o| count(orgs, o));
                    let room = case.tables[to]
                        .seats
                        .is_none_or(|s| orgs.len() < s as usize);
                    if room {
                        // Moving x changes pairs by there − (here − 1).
                        assert!(
                            there + 1 > here
                                || (there + 1 == here && seating[from].len() <= orgs.len() + 1),
                            "{context}: moving {} to T{to} would be better",
                            x.participant
                        );
                    }
                    for y in result.iter().filter(|y| table_index(&y.table) == Some(to)) {
                        let oy = org_of(&y.participant);
                        if ox.is_some() && ox == oy {
                            continue;
                        }
                        let there_y = oy.map_or(0, |o| count(&seating[from], o));
                        let here_y = oy.map_or(1, |o| count(orgs, o));
                        let before = (here - 1) + (here_y - 1);
                        let after = there + there_y;
                        assert!(
                            after >= before,
                            "{context}: swapping {} and {} would be better",
                            x.participant,
                            y.participant
                        );
                    }
                }
            }
        }
    }

    /// Every way of seating `people` (all new) at `tables`, as table indices.
    fn all_seatings(
        people: usize,
        capacity: &[usize],
        out: &mut Vec<Vec<usize>>,
        acc: &mut Vec<usize>,
    ) {
        if acc.len() == people {
            out.push(acc.clone());
            return;
        }
        for (t, &cap) in capacity.iter().enumerate() {
            if acc.iter().filter(|&&u| u == t).count() < cap {
                acc.push(t);
                all_seatings(people, capacity, out, acc);
                acc.pop();
            }
        }
    }

    #[test]
    fn small_seatings_are_as_good_as_the_best_possible() {
        let mut rng = Lcg(42);
        for round in 0..300 {
            // Few organisations, tight and uneven tables: where repeats are hard to avoid.
            let orgs = 1 + rng.below(3);
            let people: Vec<Seat> = (0..3 + rng.below(5))
                .map(|i| {
                    let org = rng.below(orgs + 1);
                    let org = (org < orgs).then(|| format!("O{org}"));
                    seat(&format!("p{i}"), org.as_deref())
                })
                .collect();
            let tables: Vec<TableCap> = (0..2 + rng.below(3))
                .map(|t| table(&format!("T{t}"), u32::try_from(1 + rng.below(3)).ok()))
                .collect();
            let case = Case {
                people,
                tables,
                already: Vec::new(),
            };
            let result = assign(&case.people, &case.tables, &case.already);
            let ours = score(&by_table(&case.people, &case.tables, &result));

            let seated: Vec<&Seat> = case.people.iter().take(result.len()).collect();
            let capacity: Vec<usize> = case
                .tables
                .iter()
                .map(|t| t.seats.unwrap_or(0) as usize)
                .collect();
            let mut seatings = Vec::new();
            all_seatings(seated.len(), &capacity, &mut seatings, &mut Vec::new());
            let best = seatings
                .iter()
                .map(|s| {
                    let mut tables = vec![Vec::new(); capacity.len()];
                    for (p, &t) in seated.iter().zip(s) {
                        tables[t].push(p.organisation.as_deref());
                    }
                    score(&tables)
                })
                .min()
                .unwrap_or((0, 0));
            assert_eq!(ours, best, "round {round}: {result:?}");
        }
    }
}
