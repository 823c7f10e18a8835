import type { Logger } from '../log.js';
import type { FeedbackLog } from './feedbackLog.js';
import type { LiveKnowledgeBase } from './liveKnowledgeBase.js';
import type { RecentAnswers } from './recentAnswers.js';

/** What the interaction handlers work with. */
export interface BotServices {
  knowledge: LiveKnowledgeBase;
  recentAnswers: RecentAnswers;
  feedback: FeedbackLog;
  log: Logger;
}
