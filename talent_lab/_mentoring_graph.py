"""The pay-it-forward network: generations of mentors as a networkx graph and a drawing.

``chain_graph`` turns a ``talent_core.mentoring.MentoringChain`` into a directed graph (mentor
→ mentee, one edge per programme); ``ChainDrawing`` shows it with ipycytoscape, coloured by
generation and laid out in bands of generations from the people who started a chain. A band
wraps into rows of ``PER_ROW`` people, so names stay legible at 100 % zoom however many
people a generation has (one long row would be shrunk to fit its box). ipycytoscape shows
no labels without a style, so the style names every person.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipycytoscape
import networkx as nx

from talent_core.mentoring import MentoringChain

__all__ = ["GENERATION_COLOURS", "MAX_DRAWN", "PER_ROW", "ChainDrawing", "chain_graph", "positions"]

#: Node colour per generation (the last repeats for deeper ones); dark enough for white text.
GENERATION_COLOURS: tuple[str, ...] = ("#1b4f72", "#1e7b4f", "#8a5a00", "#8e2c5a", "#4b3f8f")
#: Most people drawn: beyond this the drawing keeps those with the most connections.
MAX_DRAWN = 300
#: People side by side in a row of the drawing: a notebook at 1280 px has room for six names.
PER_ROW = 6
#: Room per person (pixels at 100 % zoom) across and down, and between generations.
_STEP_X, _STEP_Y, _BAND_GAP = 150, 56, 24
#: Highest the drawing's box grows (a larger chain is scaled down or panned).
_MAX_HEIGHT = 1400


def chain_graph(chain: MentoringChain, names: Mapping[str, str]) -> nx.DiGraph:
    """People as nodes (``label``, ``generation``, ``ready``); mentor → mentee edges
    carry the ``programme`` (several joined by commas)."""
    graph = nx.DiGraph()
    ready = {r.person_id for r in chain.ready}
    for node in chain.nodes:
        graph.add_node(
            node.person_id,
            label=names.get(node.person_id, node.person_id),
            generation=node.generation,
            ready=node.person_id in ready,
        )
    for edge in chain.edges:
        if graph.has_edge(edge.mentor_id, edge.mentee_id):
            graph.edges[edge.mentor_id, edge.mentee_id]["programme"] += f", {edge.programme}"
        else:
            graph.add_edge(edge.mentor_id, edge.mentee_id, programme=edge.programme)
    return graph


def _largest(graph: nx.DiGraph, limit: int) -> nx.DiGraph:
    if graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))[:limit]
    return graph.subgraph(ranked).copy()


def _style() -> list[dict[str, object]]:
    style: list[dict[str, object]] = [
        {
            "selector": "node",
            "style": {
                "label": "data(label)",
                "color": "#ffffff",
                "text-valign": "center",
                "text-halign": "center",
                "font-size": "12px",
                "width": "label",
                "height": "22px",
                "padding": "6px",
                "shape": "round-rectangle",
                "text-outline-width": 0,
            },
        },
        {"selector": "node[?ready]", "style": {"border-width": 3, "border-color": "#f2b705"}},
        {
            "selector": "edge",
            "style": {
                "label": "data(programme)",
                "font-size": "10px",
                "curve-style": "bezier",
                "target-arrow-shape": "triangle",
                "line-color": "#777777",
                "target-arrow-color": "#777777",
                "text-background-color": "#ffffff",
                "text-background-opacity": 1,
            },
        },
    ]
    for generation, colour in enumerate(GENERATION_COLOURS):
        last = generation == len(GENERATION_COLOURS) - 1
        selector = f"node[generation {'>=' if last else '='} {generation}]"
        style.append({"selector": selector, "style": {"background-color": colour}})
    return style


def positions(graph: nx.DiGraph) -> dict[str, tuple[int, int]]:
    """Where each person is drawn: generation by generation from the top, each generation in
    rows of ``PER_ROW``, a mentee placed after the mentees of earlier-placed mentors (few
    crossing arrows)."""
    placed: dict[str, tuple[int, int]] = {}
    generations = sorted({int(graph.nodes[n]["generation"]) for n in graph.nodes})
    y = 0
    for generation in generations:
        members = [n for n in graph.nodes if graph.nodes[n]["generation"] == generation]

        def order(node: str) -> tuple[float, str]:
            mentors = [placed[m] for m in graph.predecessors(node) if m in placed]
            first = min((pos[1] * 10_000 + pos[0] for pos in mentors), default=0)
            return first, str(graph.nodes[node]["label"])

        members.sort(key=order)
        for index, node in enumerate(members):
            row, column = divmod(index, PER_ROW)
            in_row = min(PER_ROW, len(members) - row * PER_ROW)
            x = (column - (in_row - 1) / 2) * _STEP_X
            placed[node] = (round(x), y + row * _STEP_Y)
        rows = -(-len(members) // PER_ROW)
        y += rows * _STEP_Y + _BAND_GAP
    return placed


class ChainDrawing:
    """The network widget (``.widget``); ``show`` replaces what it draws."""

    def __init__(self) -> None:
        self.widget = ipycytoscape.CytoscapeWidget()
        self.widget.set_style(_style())
        # positions from ``positions`` (bands of generations), fitted into the box
        self.widget.set_layout(name="preset", fit=True, padding=12)
        self.widget.max_zoom = 1.5  # a small chain is not blown up
        self._heights = ("520px", "519px")
        self.widget.layout.height = self._heights[0]
        #: The graph drawn (at most ``MAX_DRAWN`` people).
        self.graph = nx.DiGraph()

    def refit(self) -> None:
        """Fit the drawing to its box, e.g. once its tab is shown (a hidden box measures 0).

        ipycytoscape re-measures and fits when the box's height changes, so nudge it.
        """
        layout = self.widget.layout
        layout.height = self._heights[layout.height == self._heights[0]]

    def show(self, graph: nx.DiGraph) -> None:
        self.graph = _largest(graph, MAX_DRAWN)
        self.widget.graph.clear()
        self.widget.graph.add_graph_from_networkx(self.graph, directed=True)
        placed = positions(self.graph)
        for node in self.widget.graph.nodes:
            x, y = placed[node.data["id"]]
            node.position = {"x": x, "y": y}
        bottom = max((y for _, y in placed.values()), default=0)
        height = min(bottom + 2 * _STEP_Y, _MAX_HEIGHT)
        self._heights = (f"{height}px", f"{height - 1}px")
        self.widget.layout.height = self._heights[0]
