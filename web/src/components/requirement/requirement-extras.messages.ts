import { defineMessages } from '../../i18n/messages';

/** The Q&A panel and the attachments of a requirement (RequirementQuestions, RequirementDocuments). */
export const questionsMessages = defineMessages('requirement.questions', {
  title: ['澄清问答', 'Clarification questions'],
  pageTitle: ['问答与附件', 'Questions and attachments'],
  none: ['还没有问题。', 'No questions yet.'],
  ask: ['提问', 'Ask'],
  askLabel: ['向采购方提问', 'Your question to the buyer'],
  askHint: ['截止报价前可提问；采购方可私下回答，或公开给所有参与的供应商（不显示提问方）。', 'You may ask until the quote deadline; the buyer answers you privately, or publishes the answer to every supplier taking part without naming you.'],
  asked: ['问题已提交。', 'Question sent.'],
  closed: ['报价已截止或需求已关闭，不能再提问或回答。', 'The quote deadline has passed or the requirement is closed: no more questions or answers.'],
  deadline: ['报价截止：{when}', 'Quote deadline: {when}'],
  askedAt: ['提问于 {when}', 'Asked {when}'],
  answeredAt: ['回答于 {when}', 'Answered {when}'],
  askedBy: ['提问方：{name}', 'Asked by {name}'],
  mine: ['我方提问', 'Your question'],
  awaiting: ['待回答', 'Awaiting an answer'],
  private: ['仅提问方可见', 'Private to the asker'],
  published: ['已公开', 'Published'],
  answerLabel: ['回答', 'Answer'],
  answerPublished: ['回答并公开给所有参与的供应商（不显示提问方）', 'Answer to every supplier taking part (without the asker\'s name)'],
  answerPrivately: ['仅回答提问方', 'Answer the asker only'],
  answered: ['已回答。', 'Answered.'],
  required: ['请输入内容', 'Please write something'],
});

export const documentsMessages = defineMessages('requirement.documents', {
  title: ['附件', 'Attachments'],
  none: ['没有附件。', 'No attachments.'],
  upload: ['上传图纸或规格书', 'Upload a drawing or specification'],
  uploadHint: ['PDF、PNG、JPEG、TIFF、DWG、STEP、DXF；类型按文件内容判断。', 'PDF, PNG, JPEG, TIFF, DWG, STEP, DXF; the type is judged from the file\'s content.'],
  uploaded: ['已上传：{name}', 'Uploaded: {name}'],
  refused: ['上传失败：{reason}', 'Upload refused: {reason}'],
  tooLarge: ['文件过大', 'the file is too large'],
  badType: ['不支持的文件类型', 'this type of file is not accepted'],
  download: ['下载', 'Download'],
  delete: ['删除', 'Delete'],
  deleteConfirm: ['删除这个附件？', 'Delete this attachment?'],
  deleted: ['已删除。', 'Deleted.'],
});
