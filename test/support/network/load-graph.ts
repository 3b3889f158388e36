/** The bench's generated-graph loader, shared with the tests. */
export { edgeId, loadGraph, nodeId } from '../../../bench/network/load-graph';
