package model

import (
	"sort"
	"strings"
)

// How hiroba proposes pairs.
//
// Hard rules, never broken: a fellow is not the junior; is of another
// department (another municipality always is); is not in the junior's
// reporting line (MatchCandidate.ReportingLine); has at most the
// programme's cap of juniors, pairs already fixed or running included;
// and is not one whose pair with the junior ended in the programme
// (MatchInput.Ended): a proposal does not send a junior back to the
// fellow they just parted from. An administrator may still pair them by
// hand.
//
// Within them, in this order: as many juniors paired as possible; the most
// topics shared (聞いてOK, compared folded); then balance: a fellow's k-th
// junior costs more than their first, so juniors spread over the fellows
// and so over the municipalities in proportion to the fellows each offers,
// and, other things equal, a fellow of another municipality, which is
// what a regional area's network is for.
//
// It is a min-cost flow: source -> junior (capacity 1) -> fellow (an arc
// where the hard rules allow, costing less the more topics they share) ->
// sink (one arc per free place of the fellow, the k-th costing more).
// Successive shortest paths with Dijkstra over reduced costs give, at each
// step, the cheapest way to pair one more junior, so the result pairs the
// most juniors at the least cost. No library does this: gonum (well kept)
// has max flow but no costs, and the Hungarian algorithm packages on the
// module proxy are unmaintained single-author ports that would need each
// fellow copied cap times and cannot weigh the k-th junior differently.

// Weights of the proposal's costs; a shared topic outweighs both kinds of
// balance.
const (
	matchTopicWeight   = 100 // per shared topic, up to matchTopicCap
	matchTopicCap      = 5
	matchLoadWeight    = 40 // per junior the fellow already has
	matchSameMuniCost  = 15 // junior and fellow of one municipality
	matchInfiniteCost  = int64(1) << 60
	matchNoPredecessor = -1
)

// MatchCandidate is a junior or a fellow as the proposal sees them.
type MatchCandidate struct {
	ID             string
	Name           string
	MunicipalityID string
	Municipality   string
	Department     string
	Topics         []Topic
	// ReportingLine lists the ids of the person's supervisors, nearest
	// first (所属長 and up); a junior's fellow may be none of them.
	ReportingLine []string
}

// MatchInput is what a proposal starts from.
type MatchInput struct {
	Juniors []MatchCandidate // those still to pair
	Fellows []MatchCandidate // accepted fellows
	Cap     int
	// Load is how many juniors each fellow (by id) already has in fixed or
	// running pairs.
	Load map[string]int
	// Ended lists, by junior id, the fellows whose pair with that junior
	// ended in the programme; they are not proposed to them again.
	Ended map[string][]string
}

// MatchedPair is one proposed pair.
type MatchedPair struct {
	JuniorID string
	FellowID string
	Shared   []string
}

// SameDepartment reports whether two people work in one department: one
// municipality and the same department name (spaces and width ignored).
func SameDepartment(a, b MatchCandidate) bool {
	return a.MunicipalityID == b.MunicipalityID && departmentKey(a.Department) == departmentKey(b.Department)
}

func departmentKey(s string) string { return strings.Join(strings.Fields(FoldText(s)), "") }

// PairAllowed checks the hard rules but the cap for a junior and a
// fellow, and returns the rule they break as a keyed error.
func PairAllowed(junior, fellow MatchCandidate) error {
	return pairAllowed(junior, fellow, SameDepartment(junior, fellow))
}

// pairAllowed is PairAllowed with the department comparison done, which
// a proposal does once per person rather than once per pair.
func pairAllowed(junior, fellow MatchCandidate, sameDepartment bool) error {
	if junior.ID == fellow.ID {
		return Keyed(EINVALID, "err.pair.self", "自分自身とは組めません")
	}
	if sameDepartment {
		return Keyed(EINVALID, "err.pair.department", "%s さんと %s さんは同じ所属 (%s) です。別の所属の先輩を選んでください", junior.Name, fellow.Name, fellow.Department)
	}
	for _, id := range junior.ReportingLine {
		if id == fellow.ID {
			return Keyed(EINVALID, "err.pair.supervisor", "%s さんは %s さんの上司 (指揮命令系統) です。フェローにはなれません", fellow.Name, junior.Name)
		}
	}
	return nil
}

// ProposePairs proposes a fellow for as many juniors as the rules allow;
// it returns the pairs and the ids of the juniors left without one. The
// result depends only on the input, not on its order.
func ProposePairs(in MatchInput) (pairs []MatchedPair, unpaired []string) {
	juniors := append([]MatchCandidate(nil), in.Juniors...)
	fellows := append([]MatchCandidate(nil), in.Fellows...)
	sort.Slice(juniors, func(i, j int) bool { return juniors[i].ID < juniors[j].ID })
	sort.Slice(fellows, func(i, j int) bool { return fellows[i].ID < fellows[j].ID })

	J, F := len(juniors), len(fellows)
	g := newFlowGraph(J + F + 2)
	source, sink := J+F, J+F+1
	for j := range juniors {
		g.addArc(source, j, 0)
	}
	// Folded once per person: 120,000 pairs would fold them again each.
	folded := func(cs []MatchCandidate) (depts []string, topics [][]string) {
		for _, c := range cs {
			depts = append(depts, c.MunicipalityID+"\x00"+departmentKey(c.Department))
			var ts []string
			for _, t := range c.Topics {
				ts = append(ts, FoldText(t.Label))
			}
			topics = append(topics, ts)
		}
		return depts, topics
	}
	jDept, jTopics := folded(juniors)
	fDept, fTopics := folded(fellows)
	shared := make(map[[2]int][]string)
	for j, jr := range juniors {
		parted := map[string]bool{}
		for _, id := range in.Ended[jr.ID] {
			parted[id] = true
		}
		for f, fl := range fellows {
			if parted[fl.ID] || pairAllowed(jr, fl, jDept[j] == fDept[f]) != nil {
				continue
			}
			var s []string
			for a, ja := range jTopics[j] {
				for _, fb := range fTopics[f] {
					if ja == fb {
						s = append(s, jr.Topics[a].Label)
						break
					}
				}
			}
			cost := -int64(matchTopicWeight * min(len(s), matchTopicCap))
			if jr.MunicipalityID == fl.MunicipalityID {
				cost += matchSameMuniCost
			}
			if len(s) > 0 {
				shared[[2]int{j, f}] = s
			}
			g.addArc(j, J+f, cost)
		}
	}
	for f, fl := range fellows {
		load := in.Load[fl.ID]
		for k := load; k < in.Cap; k++ {
			g.addArc(J+f, sink, int64(matchLoadWeight*k))
		}
	}
	g.minCostFlow(source, sink)

	matched := make([]bool, J)
	for j := range juniors {
		for _, a := range g.arcs[j] {
			if a.to >= J && a.to < J+F && a.cap == 0 && !a.reverse {
				f := a.to - J
				pairs = append(pairs, MatchedPair{JuniorID: juniors[j].ID, FellowID: fellows[f].ID, Shared: shared[[2]int{j, f}]})
				matched[j] = true
			}
		}
	}
	for j, ok := range matched {
		if !ok {
			unpaired = append(unpaired, juniors[j].ID)
		}
	}
	return pairs, unpaired
}

// flowGraph is a residual graph of unit-capacity arcs.
type flowGraph struct {
	arcs [][]flowArc
}

type flowArc struct {
	to, rev int // rev: index of the opposite arc in arcs[to]
	cap     int
	cost    int64
	reverse bool // a residual arc, not one of the graph's
}

func newFlowGraph(n int) *flowGraph { return &flowGraph{arcs: make([][]flowArc, n)} }

func (g *flowGraph) addArc(from, to int, cost int64) {
	g.arcs[from] = append(g.arcs[from], flowArc{to: to, rev: len(g.arcs[to]), cap: 1, cost: cost})
	g.arcs[to] = append(g.arcs[to], flowArc{to: from, rev: len(g.arcs[from]) - 1, cap: 0, cost: -cost, reverse: true})
}

// minCostFlow sends as many units from s to t as fit, each along the
// cheapest path left (successive shortest paths). Potentials keep the
// reduced costs non-negative, so that Dijkstra applies; they start as the
// distances in the acyclic graph as built, which may have negative arcs.
// Each search stops when it reaches t, and every node's potential grows by
// min(its distance, t's distance), which keeps reduced costs non-negative
// (the usual early exit): most searches then touch a few hundred arcs of
// the 120,000 a programme of 300 juniors and 400 fellows has.
func (g *flowGraph) minCostFlow(s, t int) {
	n := len(g.arcs)
	pot := g.acyclicDistances(s)
	dist := make([]int64, n)
	prevNode := make([]int, n)
	prevArc := make([]int, n)
	done := make([]bool, n)
	var queue distHeap
	for {
		for v := range dist {
			dist[v], prevNode[v], done[v] = matchInfiniteCost, matchNoPredecessor, false
		}
		dist[s] = 0
		queue = append(queue[:0], distItem{0, s})
		for len(queue) > 0 {
			it := queue.pop()
			u := it.node
			if done[u] || it.dist > dist[u] {
				continue
			}
			done[u] = true
			if u == t {
				break
			}
			for i, a := range g.arcs[u] {
				if a.cap == 0 || pot[a.to] == matchInfiniteCost {
					continue
				}
				if d := dist[u] + a.cost + pot[u] - pot[a.to]; d < dist[a.to] {
					dist[a.to], prevNode[a.to], prevArc[a.to] = d, u, i
					queue.push(distItem{d, a.to})
				}
			}
		}
		if !done[t] {
			return
		}
		for v := range pot {
			if pot[v] < matchInfiniteCost {
				pot[v] += min(dist[v], dist[t])
			}
		}
		for v := t; v != s; v = prevNode[v] {
			u := prevNode[v]
			a := &g.arcs[u][prevArc[v]]
			a.cap--
			g.arcs[v][a.rev].cap++
		}
	}
}

// distItem and distHeap are Dijkstra's queue: a binary heap by distance,
// ties by node, so that the result does not depend on chance.
type distItem struct {
	dist int64
	node int
}

type distHeap []distItem

func (h distItem) less(o distItem) bool {
	return h.dist < o.dist || h.dist == o.dist && h.node < o.node
}

func (h *distHeap) push(it distItem) {
	*h = append(*h, it)
	q := *h
	for i := len(q) - 1; i > 0; {
		p := (i - 1) / 2
		if !q[i].less(q[p]) {
			break
		}
		q[i], q[p] = q[p], q[i]
		i = p
	}
}

func (h *distHeap) pop() distItem {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q) && q[l].less(q[m]) {
			m = l
		}
		if r < len(q) && q[r].less(q[m]) {
			m = r
		}
		if m == i {
			break
		}
		q[i], q[m] = q[m], q[i]
		i = m
	}
	*h = q
	return top
}

// acyclicDistances returns the cheapest cost from s to every node of the
// graph as built (source, juniors, fellows, sink: acyclic), by relaxing
// the arcs in that order; unreachable nodes get matchInfiniteCost.
func (g *flowGraph) acyclicDistances(s int) []int64 {
	n := len(g.arcs)
	dist := make([]int64, n)
	for v := range dist {
		dist[v] = matchInfiniteCost
	}
	dist[s] = 0
	// Breadth-first layers of the acyclic graph: each layer's arcs only
	// point to the next, so one pass per layer settles it.
	layer := []int{s}
	seen := make([]bool, n)
	seen[s] = true
	for len(layer) > 0 {
		var next []int
		for _, u := range layer {
			for _, a := range g.arcs[u] {
				if a.reverse {
					continue
				}
				if d := dist[u] + a.cost; d < dist[a.to] {
					dist[a.to] = d
				}
				if !seen[a.to] {
					seen[a.to] = true
					next = append(next, a.to)
				}
			}
		}
		layer = next
	}
	return dist
}

// MatchFairness sums up pairs made among fellows (those who stand).
func MatchFairness(fellows []MatchCandidate, juniors map[string]MatchCandidate, pairs []MatchedPair, totalJuniors int) Fairness {
	out := Fairness{Juniors: totalJuniors, Paired: len(pairs), Unpaired: totalJuniors - len(pairs)}
	load := map[string]int{}
	sharedSum := 0
	byID := map[string]MatchCandidate{}
	for _, f := range fellows {
		byID[f.ID] = f
	}
	for _, p := range pairs {
		load[p.FellowID]++
		sharedSum += len(p.Shared)
		if len(p.Shared) > 0 {
			out.WithShared++
		}
		if juniors[p.JuniorID].MunicipalityID != byID[p.FellowID].MunicipalityID {
			out.CrossMunicipality++
		}
	}
	if len(pairs) > 0 {
		out.SharedTopics = float64(sharedSum) / float64(len(pairs))
	}
	muni := map[string]*MunicipalityLoad{}
	for i, f := range fellows {
		l := load[f.ID]
		if i == 0 || l < out.FellowLoadMin {
			out.FellowLoadMin = l
		}
		out.FellowLoadMax = max(out.FellowLoadMax, l)
		m := muni[f.Municipality]
		if m == nil {
			m = &MunicipalityLoad{Municipality: f.Municipality}
			muni[f.Municipality] = m
		}
		m.Fellows++
		m.Juniors += l
	}
	for _, m := range muni {
		out.Municipalities = append(out.Municipalities, *m)
	}
	sort.Slice(out.Municipalities, func(i, j int) bool {
		a, b := out.Municipalities[i], out.Municipalities[j]
		if a.Fellows != b.Fellows {
			return a.Fellows > b.Fellows
		}
		return a.Municipality < b.Municipality
	})
	return out
}
