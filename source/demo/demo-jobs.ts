import type {MarkerName} from '../protocol/markers.js';

/**
 * The example jobs of the demo store: a few requesters, all five biobanks, and every status a
 * biobank can be in. Times are hours before the moment the store is seeded.
 */
export type DemoProgress = {
	marker: Exclude<MarkerName, 'submitted'>;
	by: string;
	hoursLater: number;
	reason?: string;
};

export type DemoJob = {
	user: string;
	hoursAgo: number;
	name: string;
	analysis: 'prspipe' | 'pgsc_calc' | 'other';
	biobanks: string[];
	inputFiles?: string[];
	outputs?: string[];
	requirements?: string[];
	/** What happened at each biobank after submission, in order. */
	progress: Record<string, DemoProgress[]>;
};

const claimed = (by: string, hoursLater: number): DemoProgress => ({
	marker: 'processing',
	by,
	hoursLater,
});
const ready = (by: string, hoursLater: number): DemoProgress => ({marker: 'ready', by, hoursLater});

export const demoUser = 'jdoe';

export const demoJobs: DemoJob[] = [
	{
		user: 'jdoe',
		hoursAgo: 170,
		name: 'PRS pipeline check',
		analysis: 'prspipe',
		biobanks: ['HUS', 'FIMM', 'HUNT'],
		progress: {
			HUS: [claimed('lvirtanen', 2), ready('lvirtanen', 20)],
			FIMM: [claimed('kmakinen', 5), ready('kmakinen', 30)],
			HUNT: [claimed('ohansen', 26), ready('ohansen', 50)],
		},
	},
	{
		user: 'jdoe',
		hoursAgo: 75,
		name: 'Height PGS, pgsc_calc',
		analysis: 'pgsc_calc',
		biobanks: ['Estonia_Biobank', 'HUNT', 'FIMM'],
		inputFiles: ['height_scores.txt'],
		progress: {
			Estonia_Biobank: [claimed('kmets', 3), ready('kmets', 40)],
			HUNT: [claimed('ohansen', 30)],
			FIMM: [],
		},
	},
	{
		user: 'jdoe',
		hoursAgo: 50,
		name: 'BMI GWAS with own container',
		analysis: 'other',
		biobanks: ['HUS', 'FIMM', 'CSC'],
		inputFiles: ['bmi-gwas.sif', 'phenotypes.tsv'],
		outputs: ['gwas_summary.tsv.gz', 'qc_report.html'],
		requirements: ['singularity'],
		progress: {
			HUS: [
				claimed('lvirtanen', 4),
				{
					marker: 'failed',
					by: 'lvirtanen',
					hoursLater: 9,
					reason: 'Container exited with code 137: out of memory at 2 GB. Please ask for 8 GB.',
				},
			],
			FIMM: [
				{
					marker: 'declined',
					by: 'kmakinen',
					hoursLater: 6,
					reason: 'Phenotype BMI_adj is not collected at FIMM.',
				},
			],
			CSC: [claimed('csc-test', 1)],
		},
	},
	{
		user: 'jdoe',
		hoursAgo: 30,
		name: 'Withdrawn: wrong covariates',
		analysis: 'other',
		biobanks: ['HUNT', 'Estonia_Biobank'],
		inputFiles: ['analysis.sif'],
		outputs: ['results.zip'],
		requirements: ['singularity'],
		progress: {
			HUNT: [
				{
					marker: 'cancelled',
					by: 'jdoe',
					hoursLater: 2,
					reason: 'Submitted with the wrong covariate file.',
				},
			],
			Estonia_Biobank: [
				{
					marker: 'cancelled',
					by: 'jdoe',
					hoursLater: 2,
					reason: 'Submitted with the wrong covariate file.',
				},
			],
		},
	},
	{
		user: 'jdoe',
		hoursAgo: 2,
		name: 'Smoking PRS, all biobanks',
		analysis: 'other',
		biobanks: ['HUS', 'Estonia_Biobank', 'HUNT', 'FIMM', 'CSC'],
		inputFiles: ['smoking-prs.sif', 'weights.txt'],
		outputs: ['prs_summary.tsv'],
		requirements: ['singularity'],
		progress: {HUS: [], Estonia_Biobank: [], HUNT: [], FIMM: [], CSC: []},
	},
	{
		user: 'asmith',
		hoursAgo: 120,
		name: 'PRS pipeline check',
		analysis: 'prspipe',
		biobanks: ['HUS', 'Estonia_Biobank'],
		progress: {
			HUS: [claimed('lvirtanen', 1), ready('lvirtanen', 8)],
			Estonia_Biobank: [claimed('kmets', 12)],
		},
	},
	{
		user: 'asmith',
		hoursAgo: 10,
		name: 'Lipid scores',
		analysis: 'other',
		biobanks: ['FIMM', 'CSC', 'HUS'],
		inputFiles: ['lipids.sif'],
		outputs: ['lipid_scores.tsv'],
		requirements: ['singularity'],
		progress: {FIMM: [], CSC: [], HUS: [claimed('lvirtanen', 3)]},
	},
	{
		user: 'mkorhonen',
		hoursAgo: 26,
		name: 'CAD PGS validation',
		analysis: 'pgsc_calc',
		biobanks: ['HUS', 'Estonia_Biobank', 'HUNT', 'FIMM', 'CSC'],
		inputFiles: ['cad_scorefile.txt'],
		progress: {
			HUS: [claimed('lvirtanen', 2), ready('lvirtanen', 12)],
			Estonia_Biobank: [claimed('kmets', 4)],
			HUNT: [],
			FIMM: [
				claimed('kmakinen', 1),
				{
					marker: 'failed',
					by: 'kmakinen',
					hoursLater: 3,
					reason: 'nextflow is not allowed on our secure host.',
				},
			],
			CSC: [],
		},
	},
];
