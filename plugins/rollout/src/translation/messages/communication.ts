/**
 * The communication messages; see `../ref.ts`: the communication plan and
 * its announcements, the pre-flight checks and the migration guide.
 */
export const communicationMessages = {
  section: {
    title: 'Communication',
    send: 'Send…',
    /** The Send button of an item, named by the item's text. */
    sendAriaLabel: 'Send: {{item}}',
  },
  /** An item's last send, under it. */
  sent: {
    to_one: 'Sent to {{count}} person',
    to_few: 'Sent to {{count}} people',
    to_many: 'Sent to {{count}} people',
    to_other: 'Sent to {{count}} people',
    onTo_one: 'Sent on {{date}} to {{count}} person',
    onTo_few: 'Sent on {{date}} to {{count}} people',
    onTo_many: 'Sent on {{date}} to {{count}} people',
    onTo_other: 'Sent on {{date}} to {{count}} people',
  },
  announcement: {
    title: 'Send announcement',
    /** Over an item sent before; `by` is who sent it. */
    resendWarning_one:
      'Sent on {{date}} to {{count}} person, by {{by}}. Sending it again notifies everyone again.',
    resendWarning_few:
      'Sent on {{date}} to {{count}} people, by {{by}}. Sending it again notifies everyone again.',
    resendWarning_many:
      'Sent on {{date}} to {{count}} people, by {{by}}. Sending it again notifies everyone again.',
    resendWarning_other:
      'Sent on {{date}} to {{count}} people, by {{by}}. Sending it again notifies everyone again.',
    sendAgainConfirm: 'Send it again',
    subject: 'Subject',
    message: 'Message',
    messageHelp: 'Markdown; the preview below shows how it reads',
    preview: 'Preview',
    sendTo: 'Send to',
    /** `people` is the list of them. */
    stakeholders: "The rollout's stakeholders (signers and owners): {{people}}",
    more: 'More people or groups',
    moreHelp:
      'Entity refs, separated by commas, such as user:default/maria or group:default/support; a group is its members',
    /** `channels` is the list of `channel`. */
    channels:
      'Each person gets it once, {{channels}}. Sending ticks the item and records who sent what to whom in the history.',
    channel: {
      web: 'on the Notifications page',
      email: 'by email',
      slack: 'on Slack',
    },
    send: 'Send',
    sendAgain: 'Send again',
    sending: 'Sending…',
  },
  preflight: {
    title: 'Pre-flight validation',
  },
  migrationGuide: {
    title: 'Developer migration guide',
  },
} as const;
