export function median(values: readonly number[]): number {
	return percentile(values, 50);
}

/** The p-th percentile by linear interpolation between the closest ranks. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (p / 100) * (sorted.length - 1);
	const low = Math.floor(rank);
	const high = Math.ceil(rank);
	return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export type Fit = {slope: number; intercept: number; r2: number};

/** Least-squares line through (x, y): y ≈ slope·x + intercept, and its R². */
export function leastSquares(points: ReadonlyArray<{x: number; y: number}>): Fit {
	const n = points.length;
	const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
	const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
	let sxx = 0;
	let sxy = 0;
	let syy = 0;
	for (const {x, y} of points) {
		sxx += (x - meanX) ** 2;
		sxy += (x - meanX) * (y - meanY);
		syy += (y - meanY) ** 2;
	}
	const slope = sxy / sxx;
	const intercept = meanY - slope * meanX;
	const residual = points.reduce((sum, {x, y}) => sum + (y - (slope * x + intercept)) ** 2, 0);
	return {slope, intercept, r2: syy === 0 ? 1 : 1 - residual / syy};
}
