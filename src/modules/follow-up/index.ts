// The follow-up module's public surface: what other modules, the demo and the CLI may use.
export { followUpModule } from './follow-up.manifest';
export { saveStatusReport } from './commands/save-status-report';
export { submitStatusReport } from './commands/submit-status-report';
export { approveStatusReport } from './commands/approve-status-report';
export { returnStatusReport } from './commands/return-status-report';
export { saveGoalAssessment } from './commands/save-goal-assessment';
export { submitGoalAssessment } from './commands/submit-goal-assessment';
export { approveGoalAssessment } from './commands/approve-goal-assessment';
export { returnGoalAssessment } from './commands/return-goal-assessment';
export { listPeriods, type StatusReportDetail, type GoalAssessmentDetail, type PeriodRow } from './follow-up.queries';
export type { Assessment, Progress, ReportState } from './follow-up.tables';
