import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { notificationsEmailTemplateExtensionPoint } from '@backstage/plugin-notifications-backend-module-email';
import { Notification } from '@backstage/plugin-notifications-common';
import { resolveNotificationLink } from '@backstage/plugin-notifications-node';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]!),
  );
}

/** Escaped text with its http(s) URLs as links. */
function linkified(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"')\]]+)/g)
    .map((part, index) =>
      index % 2 === 1
        ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>`
        : escapeHtml(part),
    )
    .join('');
}

/**
 * How the app's notification emails read: the title as the subject, and
 * the description as written, then the link. The email module's own HTML
 * puts the description into the page unescaped; a description is written
 * by people (a rollout announcement's body), so here it is escaped, its
 * paragraphs and lines kept, and its URLs made links.
 */
export default createBackendModule({
  pluginId: 'notifications',
  moduleId: 'email-templates',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        templates: notificationsEmailTemplateExtensionPoint,
      },
      async init({ config, templates }) {
        const appBaseUrl = config.getString('app.baseUrl');
        const linkOf = (notification: Notification) =>
          resolveNotificationLink(notification.payload.link, appBaseUrl) ??
          `${appBaseUrl}/notifications`;
        templates.setTemplateRenderer({
          async getSubject(notification) {
            return notification.payload.title;
          },
          async getText(notification) {
            return [notification.payload.description, linkOf(notification)]
              .filter(Boolean)
              .join('\n\n');
          },
          async getHtml(notification) {
            const paragraphs = (notification.payload.description ?? '')
              .split(/\n{2,}/)
              .filter(paragraph => paragraph.trim())
              .map(
                paragraph =>
                  `<p>${linkified(paragraph).replace(/\n/g, '<br/>')}</p>`,
              );
            const link = escapeHtml(linkOf(notification));
            return `${paragraphs.join(
              '\n',
            )}\n<p><a href="${link}">${link}</a></p>`;
          },
        });
      },
    });
  },
});
