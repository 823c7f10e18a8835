import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { seededRandom } from './seededRandom.js';

/*
 * A tiny BERT-shaped model that transformers.js loads offline: a WordPiece tokenizer plus an ONNX
 * graph that looks token vectors up in a seeded random table. It knows nothing of meaning, but
 * texts sharing tokens get closer mean-pooled vectors, which is enough for tests and benchmarks.
 */

const { onnx } = onnxProto;

export const TINY_BERT_DIMENSIONS = 32;
const MAX_LENGTH = 128;
const SEED = 0x5eed;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const WORDS = `
the of and to a in is it you that he was for on are with as i his they be at one have this from
or had by not word but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them write would like so these her long make
thing see him two has look more day could go come did number sound no most people my over know
water than call first who may down side been now find any new work part take get place made live
where after back little only round man year came show every good me give our under name very through
just form sentence great think say help low line differ turn cause much mean before move right boy
old too same tell does set three want air well also play small end put home read hand port large
spell add even land here must big high such follow act why ask men change went light kind off need
house picture try us again animal point mother world near build self earth father head stand own
page should country found answer school grow study still learn plant cover food sun four between
state keep eye never last let thought city tree cross farm hard start might story saw far sea draw
left late run while press close night real life few north open seem together next white children
begin got walk example ease paper group always music those both mark often letter until mile river
car feet care second book carry took science eat room friend began idea fish mountain stop once base
hear horse cut sure watch color face wood main enough plain girl usual young ready above ever red
list though feel talk bird soon body dog family direct pose leave song measure door product black
short numeral class wind question happen complete ship area half rock order fire south problem piece
told knew pass since top whole king space heard best hour better true during hundred five remember
step early hold west ground interest reach fast verb sing listen six table travel less morning ten
simple several vowel toward war lay against pattern slow center love person money serve appear road
map rain rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark
machine note wait plan figure star box noun field rest correct able pound done beauty drive stood
contain front teach week final gave green oh quick develop ocean warm free minute strong special mind
behind clear tail produce fact street inch multiply nothing course stay wheel full force blue object
decide surface deep moon island foot system busy test record boat common gold possible plane stead
dry wonder laugh thousand ago ran check game shape equate hot miss brought heat snow tire bring yes
distant fill east paint language among police arrested company hackers attack film studio president
government officials reported news million market price court judge law election vote minister
`;

const PUNCTUATION = ['.', ',', '?', '!', "'", '"', '-', ':', ';', '(', ')'];
const SUFFIXES = ['##s', '##ed', '##ing', '##ly', '##er', '##es'];

function buildVocab(): string[] {
  const words = [...new Set(WORDS.split(/\s+/).filter(Boolean))];
  return [...SPECIAL_TOKENS, ...PUNCTUATION, ...words, ...SUFFIXES];
}

function embeddingTable(rows: number, dim: number): Float32Array {
  const random = seededRandom(SEED);
  const table = new Float32Array(rows * dim);
  for (let i = 0; i < table.length; i++) table[i] = random() * 2 - 1;
  return table;
}

function tensorValueInfo(name: string, elemType: number, dims: (string | number)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  };
}

/**
 * last_hidden_state = Gather(table, input_ids) * Unsqueeze(Cast(attention_mask), -1).
 * The mask multiply is not needed for mean pooling (transformers.js masks again), but it keeps
 * `attention_mask` a real input, as in BERT.
 */
function buildModel(vocabSize: number, dim: number): Uint8Array {
  const { DataType } = onnx.TensorProto;
  const table = embeddingTable(vocabSize, dim);
  const graph: Onnx.IGraphProto = {
    name: 'tiny_bert',
    input: [
      tensorValueInfo('input_ids', DataType.INT64, ['batch', 'sequence']),
      tensorValueInfo('attention_mask', DataType.INT64, ['batch', 'sequence']),
    ],
    output: [tensorValueInfo('last_hidden_state', DataType.FLOAT, ['batch', 'sequence', dim])],
    initializer: [
      {
        name: 'embeddings',
        dataType: DataType.FLOAT,
        dims: [vocabSize, dim],
        rawData: new Uint8Array(table.buffer, table.byteOffset, table.byteLength),
      },
      { name: 'last_axis', dataType: DataType.INT64, dims: [1], int64Data: [-1] },
    ],
    node: [
      { opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['token_vectors'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Cast', input: ['attention_mask'], output: ['mask_float'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: DataType.FLOAT }] },
      { opType: 'Unsqueeze', input: ['mask_float', 'last_axis'], output: ['mask_expanded'] },
      { opType: 'Mul', input: ['token_vectors', 'mask_expanded'], output: ['last_hidden_state'] },
    ],
  };
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'storybot-tiny-bert',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  return onnx.ModelProto.encode(model).finish();
}

function buildTokenizerJson(vocab: readonly string[]): unknown {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

/**
 * Writes `<rootDir>/<name>/` laid out as transformers.js expects under `env.localModelPath`, so the
 * model id is `name`. The ONNX file is written as both `model.onnx` and `model_quantized.onnx`, so
 * it loads with either `quantized` setting.
 */
export async function writeTinyBertModel(rootDir: string, name = 'tiny-bert'): Promise<{ modelId: string; modelDir: string }> {
  const modelDir = path.join(rootDir, name);
  const vocab = buildVocab();
  const modelBytes = buildModel(vocab.length, TINY_BERT_DIMENSIONS);

  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_BERT_DIMENSIONS,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    intermediate_size: TINY_BERT_DIMENSIONS,
    max_position_embeddings: MAX_LENGTH,
    vocab_size: vocab.length,
    type_vocab_size: 2,
    pad_token_id: 0,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    model_max_length: MAX_LENGTH,
    do_lower_case: true,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
  };

  await mkdir(path.join(modelDir, 'onnx'), { recursive: true });
  await Promise.all([
    writeFile(path.join(modelDir, 'config.json'), JSON.stringify(config, null, 2)),
    writeFile(path.join(modelDir, 'tokenizer.json'), JSON.stringify(buildTokenizerJson(vocab))),
    writeFile(path.join(modelDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2)),
    writeFile(path.join(modelDir, 'onnx', 'model.onnx'), modelBytes),
    writeFile(path.join(modelDir, 'onnx', 'model_quantized.onnx'), modelBytes),
  ]);
  return { modelId: name, modelDir };
}
