"""The pay-it-forward network: generations of mentors as a networkx graph and a drawing.

``chain_graph`` turns a ``talent_core.mentoring.MentoringChain`` into a directed graph (mentor
→ mentee, one edge per programme); ``ChainDrawing`` shows it with ipycytoscape, coloured by
generation and laid out in levels from the people who started a chain. ipycytoscape shows
no labels without a style, so the style names every person.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipycytoscape
import networkx as nx

from talent_core.mentoring import MentoringChain

__all__ = ["GENERATION_COLOURS", "MAX_DRAWN", "ChainDrawing", "chain_graph"]

#: Node colour per generation (the last repeats for deeper ones); dark enough for white text.
GENERATION_COLOURS: tuple[str, ...] = ("#1b4f72", "#1e7b4f", "#8a5a00", "#8e2c5a", "#4b3f8f")
#: Most people drawn: beyond this the drawing keeps those with the most connections.
MAX_DRAWN = 300
#: Height of the drawing, and the same less a pixel (see ``ChainDrawing.refit``).
_HEIGHTS = ("520px", "519px")


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
                "font-size": "10px",
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
                "font-size": "9px",
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


class ChainDrawing:
    """The network widget (``.widget``); ``show`` replaces what it draws."""

    def __init__(self) -> None:
        self.widget = ipycytoscape.CytoscapeWidget()
        self.widget.set_style(_style())
        # levels from the people who started a chain (a cytoscape.js selector)
        self.widget.set_layout(
            name="breadthfirst", directed=True, spacingFactor=1.1, roots="node[generation = 0]"
        )
        self.widget.layout.height = _HEIGHTS[0]
        #: The graph drawn (at most ``MAX_DRAWN`` people).
        self.graph = nx.DiGraph()

    def refit(self) -> None:
        """Fit the drawing to its box, e.g. once its tab is shown (a hidden box measures 0).

        ipycytoscape re-measures and fits when the box's height changes, so nudge it.
        """
        layout = self.widget.layout
        layout.height = _HEIGHTS[layout.height == _HEIGHTS[0]]

    def show(self, graph: nx.DiGraph) -> None:
        self.graph = _largest(graph, MAX_DRAWN)
        self.widget.graph.clear()
        self.widget.graph.add_graph_from_networkx(self.graph, directed=True)
