import envPaths from 'env-paths';
import {join} from 'node:path';

/**
 * XDG folders: ~/.config/ivjm, ~/.local/share/ivjm, ~/.local/state/ivjm, ~/.cache/ivjm (or
 * $XDG_*_HOME).
 */
export function ivjmPaths(): {
	config: string;
	data: string;
	state: string;
	cache: string;
	demoStore: string;
} {
	const paths = envPaths('ivjm', {suffix: ''});
	return {
		config: paths.config,
		data: paths.data,
		state: paths.log,
		cache: paths.cache,
		demoStore: join(paths.data, 'demo'),
	};
}
