/* 星光: how the search worker cuts a Chinese query into terms (replaces Material's
   segment() in its search worker; see src/xingguang/search.py, which writes the
   patched worker, and tests/browser/test_search_worker.py).

   Material cuts a query at the longest index term found at each position, but never
   tests a piece that ends at the query's last character. So a character that stands
   alone somewhere in the index splits every query that starts with it: 钱学森 became
   钱* 学* (the seal 钱 on the scientists' card, then every page with 学 in its title),
   and 杨老师 became 杨* 老* (every teacher's page). Here each piece is the longest
   part of the query that begins some term of the index: the worker searches every
   piece as a prefix (杨老师*), so a piece that begins a term always finds it. A query
   that begins no term at all keeps Material's behaviour of falling back to pieces
   (关心下一代 → 关心* 下一代*). */
function xgSegment(query, index) {
  var terms = xgSegment.terms;
  if (!terms || xgSegment.index !== index) {
    /* Sorted once per index (a few milliseconds for 50,000 terms), then every
       piece is a binary search. */
    terms = xgSegment.terms = Object.keys(index).sort();
    xgSegment.index = index;
  }
  function beginsATerm(piece) {
    var low = 0, high = terms.length;
    while (low < high) {
      var middle = (low + high) >>> 1;
      if (terms[middle] < piece) low = middle + 1;
      else high = middle;
    }
    return low < terms.length && terms[low].lastIndexOf(piece, 0) === 0;
  }
  query = xgSimplified(query, beginsATerm);
  var pieces = new Set();
  for (var start = 0; start < query.length;) {
    var end = query.length;
    while (end > start + 1 && !beginsATerm(query.slice(start, end))) end--;
    pieces.add(query.slice(start, end));
    start = end;
  }
  return pieces;
}

/* A grandparent's phone set to 繁體 types 楊小璽: each traditional character that
   begins no term of the index is read as its simplified form (a character that is
   also used as it is, 乾 in 乾隆, is left alone when the index has it).
   xgSegment.traditional holds pairs, traditional then simplified ("楊杨書书…"),
   written by src/xingguang/search.py from OpenCC's table. */
function xgSimplified(query, beginsATerm) {
  var table = xgSegment.simplified;
  if (!table) {
    table = xgSegment.simplified = new Map();
    var pairs = Array.from(xgSegment.traditional || "");
    for (var i = 0; i + 1 < pairs.length; i += 2) table.set(pairs[i], pairs[i + 1]);
  }
  return Array.from(query, function (char) {
    return table.has(char) && !beginsATerm(char) ? table.get(char) : char;
  }).join("");
}
