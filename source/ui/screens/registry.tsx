import type {ReactNode} from 'react';
import type {Navigator, Screen} from '../navigation.js';
import {AnalystJobScreen} from './analyst/job-screen.js';
import {BiobankPicker} from './analyst/biobank-picker.js';
import {InboxScreen} from './analyst/inbox-screen.js';
import {DownloadResultsScreen} from './researcher/download-results-screen.js';
import {JobDetailScreen} from './researcher/job-detail-screen.js';
import {JobsScreen} from './researcher/jobs-screen.js';
import {NewRequestScreen} from './researcher/new-request/new-request-screen.js';
import {ResubmitForm} from './researcher/new-request/resubmit-form.js';
import {RolePicker} from './role-picker.js';

export type ScreenRenderProps = {navigate: Navigator; isActive: boolean};

export type ScreenView = {
	title: string;
	/** The screen's body; it publishes its own keys (hooks/use-keymap.ts). */
	render: (props: ScreenRenderProps) => ReactNode;
};

/** What each screen of the stack looks like: its title and its body. */
export function screenFor(screen: Screen): ScreenView {
	switch (screen.name) {
		case 'researcher':
			return {
				title: 'my jobs',
				render: (props) => <JobsScreen {...props} />,
			};
		case 'new-request':
			return {
				title: 'new request',
				render: ({navigate}) => <NewRequestScreen navigate={navigate} />,
			};
		case 'resubmit':
			return {
				title: `resubmit ${screen.jobId}`,
				render: ({navigate}) => <ResubmitForm jobId={screen.jobId} navigate={navigate} />,
			};
		case 'download-results':
			return {
				title: 'results',
				render: ({navigate}) => (
					<DownloadResultsScreen
						jobId={screen.jobId}
						biobank={screen.biobank}
						navigate={navigate}
					/>
				),
			};
		case 'analyst-biobank':
			return {
				title: 'choose a biobank',
				render: (props) => <BiobankPicker {...props} />,
			};
		case 'analyst':
			return {
				title: `${screen.biobank} inbox`,
				render: (props) => <InboxScreen biobank={screen.biobank} {...props} />,
			};
		case 'analyst-job':
			return {
				title: `${screen.biobank} job`,
				render: (props) => (
					<AnalystJobScreen biobank={screen.biobank} jobId={screen.jobId} {...props} />
				),
			};
		case 'researcher-job':
			return {
				title: 'job',
				render: (props) => <JobDetailScreen jobId={screen.jobId} {...props} />,
			};
		default:
			return {
				title: 'choose a role',
				render: ({navigate}) => <RolePicker navigate={navigate} />,
			};
	}
}
