/*
 * The reasons the gates answer gives, in the user's language: built from
 * their type and data, the server's English sentence being the fallback of
 * an older server that sends none.
 */
import {
  GateContradiction,
  GateReason,
  GateReasonStep,
  GateSource,
  GateSourceFailure,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutFormat, RolloutTranslationFunction } from '../../translation';
import { formatExact, formatPercent } from './gateFormat';

const sourceNames: Record<GateSource, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
};

function failureText(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  failure: GateSourceFailure,
): string {
  const where = { source: sourceNames[failure.source], url: failure.url };
  switch (failure.problem) {
    case 'unreachable':
      return t('monitoring.reason.unreachable', {
        ...where,
        detail: failure.detail,
      });
    case 'timeout':
      return t('monitoring.reason.timeout', {
        ...where,
        timeoutMs: format.number(failure.timeoutMs, { useGrouping: false }),
      });
    case 'httpStatus': {
      // The status line is the protocol's, as written.
      const status = `HTTP ${failure.status} ${
        failure.statusText ?? ''
      }`.trim();
      return failure.detail
        ? t('monitoring.reason.httpStatusDetail', {
            ...where,
            status,
            detail: failure.detail,
          })
        : t('monitoring.reason.httpStatus', { ...where, status });
    }
    case 'notJson':
      return t('monitoring.reason.notJson', {
        ...where,
        detail: failure.detail,
      });
    case 'errorAnswer':
      return t('monitoring.reason.errorAnswer', {
        ...where,
        detail: failure.detail,
      });
    case 'unexpectedAnswer':
      switch (failure.expected) {
        case 'ruleGroups':
          return t('monitoring.reason.notRuleGroups', where);
        case 'alertList':
          return t('monitoring.reason.notAlertList', where);
        default:
          return t('monitoring.reason.notQueryResult', where);
      }
    case 'unexpectedResultType':
      return t('monitoring.reason.unexpectedResultType', {
        ...where,
        resultType: failure.resultType,
      });
    default:
      return t('monitoring.reason.sourceFailed', where);
  }
}

function stepList(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  steps: GateReasonStep[],
): string {
  return format.list(
    steps.map(step =>
      t('monitoring.reason.step', {
        number: String(step.number),
        command: step.command,
      }),
    ),
  );
}

/**
 * Why a gate is in its state, as a sentence in the user's language;
 * commands are between backticks, for `InlineText`. Undefined for a type
 * this version does not know: show the server's `reason` instead.
 */
export function gateReasonText(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  because: GateReason,
): string | undefined {
  switch (because.type) {
    case 'noCurrentValue':
      return t('monitoring.reason.noCurrentValue');
    case 'noBaseline':
      return t('monitoring.reason.noBaseline');
    case 'noThreshold':
      return t('monitoring.reason.noThreshold');
    case 'aboveThreshold':
      return t('monitoring.reason.aboveThreshold', {
        value: formatExact(format, because.value),
        threshold: formatExact(format, because.threshold),
      });
    case 'movedFromZero':
      return t('monitoring.reason.movedFromZero', {
        value: formatExact(format, because.value),
      });
    case 'changedFromBaseline': {
      const values = {
        percent: formatPercent(format, Math.abs(because.percent), {
          fractionDigits: 1,
          fixed: true,
        }),
        tolerance: formatPercent(format, because.tolerancePercent),
      };
      return because.direction === 'up'
        ? t('monitoring.reason.rose', values)
        : t('monitoring.reason.fell', values);
    }
    case 'notEnoughHistory': {
      const values = {
        count: because.total,
        held: because.underOne
          ? t('monitoring.reason.underOne')
          : format.number(because.held),
        metric: because.metric ?? t('monitoring.reason.itsQuery'),
      };
      return because.unit === 'second'
        ? t('monitoring.reason.notEnoughHistorySeconds', values)
        : t('monitoring.reason.notEnoughHistoryMinutes', values);
    }
    case 'noValueToCompare':
      return t('monitoring.reason.noValueToCompare');
    case 'notMarked':
      return because.unknownCommands.length
        ? t('monitoring.reason.notMarkedUnknownCommands', {
            commands: format.list(
              because.unknownCommands.map(command => `\`${command}\``),
            ),
          })
        : t('monitoring.reason.notMarked');
    case 'rolloutNotStarted':
      return t('monitoring.reason.rolloutNotStarted');
    case 'stepsFailed': {
      const steps = stepList(t, format, because.steps);
      return because.steps.length > 1
        ? t('monitoring.reason.stepsFailed', { steps })
        : t('monitoring.reason.stepFailed', { steps });
    }
    case 'stepsNotSucceeded': {
      const steps = stepList(t, format, because.steps);
      return because.steps.length > 1
        ? t('monitoring.reason.stepsNotSucceeded', { steps })
        : t('monitoring.reason.stepNotSucceeded', { steps });
    }
    case 'notConfigured':
      return t('monitoring.reason.notConfigured', {
        configKey: because.configKey,
      });
    case 'sourceFailed':
      return failureText(t, format, because);
    default:
      return undefined;
  }
}

/**
 * The reason of a gate (or of a source) to show: its `because` in the
 * user's language, else the server's English `reason`.
 */
export function gateReasonOf(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  gate: { because?: GateReason; reason?: string },
): string | undefined {
  return (
    (gate.because && gateReasonText(t, format, gate.because)) ?? gate.reason
  );
}

/** What a firing alert that contradicts a gate reading ok says of it. */
export function contradictionText(
  t: RolloutTranslationFunction,
  contradiction: GateContradiction,
): string {
  return contradiction.metric
    ? t('monitoring.metric.contradiction', {
        alert: contradiction.alert,
        metric: contradiction.metric,
      })
    : contradiction.reason;
}
