/* 星光: which results of a search a parent is shown, and how they read (our copy of
   Material's search worker calls these around its own search(); written into it by
   src/xingguang/search.py, checked by tests/browser/test_search_worker.py and
   tests/browser/test_search_parents.py).

   1. Only results that match what was typed. Material searches every piece of a
      query as an optional prefix (segment.js cuts 火星基地 into 火* 星* 基地*), so a
      query about nothing on the site found every page with a 火 (水火箭), a 星
      (星星读书吧) or a 基地 (劳动基地) in it, and our "nothing found" hint
      (partials/search.html) never showed. A result is kept when, for at least one
      word of the query (words are what the parent separated with spaces), the
      pieces it matches cover more than half of that word. A piece of one
      character counts only where the page has that character standing alone (爱,
      廉 and 说 of 《爱“廉”说》), not as the beginning of some other word (the 火 of
      水火箭 says nothing about 火星), unless the word is that one character. So
      杨小喜 still finds 杨小玺 (杨小: two of three), 王老师 书画 finds both pages,
      爱廉说 its programme, and 火星基地 nothing, which shows the hint. A word is
      also answered by a term of its length that differs in fewer than half of
      its characters: a slip in a name (魏小娟 for 魏晓娟) still finds the teacher;
      代亭亭 (two of three wrong) does not.
      A query with lunr's own syntax (+ - : ~ ^ * ") or with Latin letters or
      digits in a word is left to lunr as before: parents type Chinese words.
   2. No lunr syntax on the screen. Material lists the pieces a result lacks as
      "缺少: 火* 星*" (struck through, with lunr's wildcards); after (1) every
      result matches the query, so that line is dropped.
   3. Snippets without the index's zero-width spaces. Material's search plugin
      joins jieba's words with U+200B, and a browser may break a line at each one,
      even before a "，" or after a "“", which Chinese typesetting never does:
      lines of a snippet began with a comma. The titles and texts a result shows
      are the same without them. */
var XG_HAN_RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
var XG_LUNR_SYNTAX = /[+\-:~^*"]/;
var XG_PUNCTUATION = /[\u200b\u3000、。，．？！；：“”‘’《》〈〉「」『』【】（）·…]+/g;
var XG_NOT_HAN = /[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/* The query's words, each as the pieces segment.js cuts it into; null when the
   query is left to lunr (its syntax, or a word that is not all Han characters). */
function xgQueryWords(query, index) {
  if (!query || XG_LUNR_SYNTAX.test(query)) return null;
  var words = query.replace(XG_PUNCTUATION, " ").split(/\s+/).filter(Boolean);
  if (!words.length || words.some(function (word) { return XG_NOT_HAN.test(word); })) return null;
  return words.map(function (word) {
    return { text: word, length: word.length, pieces: Array.from(xgSegment(word, index)) };
  });
}

/* Does a result whose matched index terms are ``terms`` answer ``word``? */
function xgAnswers(terms, word) {
  var covered = 0;
  word.pieces.forEach(function (piece) {
    var alone = piece.length === 1 && word.length > 1;
    var found = terms.some(function (term) { return alone ? term === piece : term.lastIndexOf(piece, 0) === 0; });
    if (found) covered += piece.length;
  });
  return covered * 2 > word.length || terms.some(function (term) { return xgNearly(term, word.text); });
}

/* Same length, and the same character in more than half of the places. */
function xgNearly(term, word) {
  if (term.length !== word.length || word.length < 3) return false;
  var same = 0;
  for (var i = 0; i < word.length; i++) if (term[i] === word[i]) same++;
  return same * 2 > word.length;
}

/* lunr's results for the query Material's search() was given (xgMeaningful.query),
   without those that match too little of it (1). */
function xgMeaningful(results, index) {
  var words = xgQueryWords(xgMeaningful.query, index);
  if (!words) return results;
  return results.filter(function (result) {
    var terms = Object.keys(result.matchData.metadata);
    return words.some(function (word) { return xgAnswers(terms, word); });
  });
}

/* Material's answer as a parent reads it (2, 3). */
function xgShown(answer) {
  function plain(value) {
    return typeof value === "string" ? value.replace(/\u200b/g, "") : value;
  }
  (answer.items || []).forEach(function (group) {
    group.forEach(function (result) {
      result.title = plain(result.title);
      result.text = plain(result.text);
      if (Array.isArray(result.tags)) result.tags = result.tags.map(plain);
      result.terms = {};
    });
  });
  return answer;
}
