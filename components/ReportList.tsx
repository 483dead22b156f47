// The reports behind an account's status: title (a link only for http/https URLs), publisher, date.
import { t } from '../extension/i18n';
import type { Report } from '../lib/dataset/schema';
import { safeHref } from '../lib/statusLabels';
import { formatDate } from './formatDate';

export function ReportList({ reports, withSummary = false }: { reports: readonly Report[]; withSummary?: boolean }) {
  if (reports.length === 0) return <p class="tdl-empty">{t('noReports')}</p>;
  return (
    <ul class="tdl-reports">
      {reports.map((report) => {
        const href = safeHref(report.url);
        return (
          <li key={report.id}>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer">
                {report.title}
              </a>
            ) : (
              <span class="tdl-report-title">{report.title}</span>
            )}
            <span class="tdl-report-meta">
              {' — '}
              {report.publisher ?? t('publisherNotNamed')}, {formatDate(report.published)}
            </span>
            {withSummary && <p class="tdl-report-summary">{report.summary}</p>}
          </li>
        );
      })}
    </ul>
  );
}
