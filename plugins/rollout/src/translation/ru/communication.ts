import { communicationMessages } from '../messages/communication';
import { Translated } from '../types';

export const communicationRu: Translated<typeof communicationMessages> = {
  section: {
    title: 'Коммуникации',
    send: 'Отправить…',
    sendAriaLabel: 'Отправить: {{item}}',
  },
  sent: {
    to_one: 'Отправлено {{count}} получателю',
    to_few: 'Отправлено {{count}} получателям',
    to_many: 'Отправлено {{count}} получателям',
    to_other: 'Отправлено {{count}} получателя',
    onTo_one: 'Отправлено {{count}} получателю {{date}}',
    onTo_few: 'Отправлено {{count}} получателям {{date}}',
    onTo_many: 'Отправлено {{count}} получателям {{date}}',
    onTo_other: 'Отправлено {{count}} получателя {{date}}',
  },
  announcement: {
    title: 'Отправка объявления',
    resendWarning_one:
      'Отправлено {{count}} получателю {{date}}, отправитель: {{by}}. При повторной отправке все получат объявление ещё раз.',
    resendWarning_few:
      'Отправлено {{count}} получателям {{date}}, отправитель: {{by}}. При повторной отправке все получат объявление ещё раз.',
    resendWarning_many:
      'Отправлено {{count}} получателям {{date}}, отправитель: {{by}}. При повторной отправке все получат объявление ещё раз.',
    resendWarning_other:
      'Отправлено {{count}} получателя {{date}}, отправитель: {{by}}. При повторной отправке все получат объявление ещё раз.',
    sendAgainConfirm: 'Отправить ещё раз',
    subject: 'Тема',
    message: 'Сообщение',
    messageHelp: 'Markdown; ниже показано, как сообщение будет выглядеть',
    preview: 'Предпросмотр',
    sendTo: 'Получатели',
    stakeholders: 'Участники выкатки (согласующие и владельцы): {{people}}',
    more: 'Другие пользователи или группы',
    moreHelp:
      'Ссылки на сущности через запятую, например user:default/maria или group:default/support; группа — это все её участники',
    channels:
      'Каждый получит объявление один раз: {{channels}}. Отправка отмечает пункт выполненным и записывает в историю, кто, что и кому отправил.',
    channel: {
      web: 'на странице уведомлений',
      email: 'по электронной почте',
      slack: 'в Slack',
    },
    send: 'Отправить',
    sendAgain: 'Отправить ещё раз',
    sending: 'Отправка…',
  },
  preflight: {
    title: 'Предварительные проверки',
  },
  migrationGuide: {
    title: 'Руководство по миграции для разработчиков',
  },
};
