/** The periodic tasks; each name is the key of its row in `maintenance_runs`. */
export enum MaintenanceTask {
  ReconcileOutbox = 'reconcile-outbox',
  PruneTokens = 'prune-tokens',
  AnonymiseRegistrations = 'anonymise-registrations',
  SweepReminders = 'sweep-reminders',
  SweepReports = 'sweep-reports',
  SweepRemovedPresentations = 'sweep-removed-presentations',
  SweepChangeNotices = 'sweep-change-notices',
  SweepAnnouncements = 'sweep-announcements',
  SweepCertificateRuns = 'sweep-certificate-runs',
  SweepLetters = 'sweep-letters',
}
