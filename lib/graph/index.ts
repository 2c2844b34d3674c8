/**
 * Architecture-graph view model (framework-free): what is visible at the current expansion, where
 * it goes, and how it is coloured. components/graph renders it.
 *
 *   const vis = visibleGraph(graph, expanded);   // collapsed groups, nodes, typed edges
 *   const layout = layoutGraph(vis);             // positions + SVG edge paths
 *   const colors = colorScale('macs', vis.items.map((i) => itemValue(i, 'macs')));
 */
export * from './types';
export { visibleGraph } from './visible';
export { layoutGraph, arcOffset } from './layout';
export { DEFAULT_LAYOUT, shapeKindOf, resolveOptions } from './sizes';
export { connectionKind, primaryKind, seMembership } from './edge-kind';
export { colorScale, textColorFor, type ColorScale, type LegendTick } from './color';
export { COLOR_MODES, itemValue, itemTime, itemOutShape, itemInShapes, numel, type ColorMode } from './metrics';
export { toggleExpanded, setExpanded, expandSubtree, expandAll } from './expand';
export { groupIndex, descendantGroups, type GroupIndex } from './hierarchy';
export { graphAggregates, type GroupAggregate, type GraphAggregates } from './aggregate';
export { layoutToText } from './text';
