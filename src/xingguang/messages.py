"""The catalogue of every problem an editor can meet, in Chinese.

Each :class:`MessageKind` has a stable code, a short title, when it happens,
and a wrong/right example pair. The code and title appear in every message;
the editors' guide lists the whole catalogue from here, so the guide cannot
drift from what the build prints.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from xingguang.problems import Severity


@dataclass(frozen=True)
class MessageKind:
    code: str
    title: str
    when: str  # when this happens, for the guide
    wrong: str = ""  # an example that triggers it
    right: str = ""  # the same example, fixed
    severity: Severity = Severity.ERROR
    fix: str = ""  # the usual fix, for the guide (each message also carries its own)
    what: str = ""  # the sentence an editor reads, with {fields} the call site fills (see :meth:`say`)

    def say(self, **values: str) -> str:
        """:attr:`what` with its fields filled. Every field must be given and every value used:
        a sentence reworded without a field (or a call site that drops a value) fails loudly
        in the tests instead of losing what the editor needs to know."""
        fields = {name for _, name, _, _ in string.Formatter().parse(self.what) if name is not None}
        if fields != set(values):
            raise ValueError(f"{self.code}: the sentence has the fields {sorted(fields)}, "
                             f"the values given are {sorted(values)}")
        return self.what.format_map(values)


CATALOGUE: dict[str, MessageKind] = {}


def _kind(code: str, title: str, when: str, wrong: str = "", right: str = "", *, warning: bool = False,
          fix: str = "", what: str = "") -> MessageKind:
    kind = MessageKind(code, title, when, wrong, right, Severity.WARNING if warning else Severity.ERROR, fix, what)
    assert code not in CATALOGUE, code
    CATALOGUE[code] = kind
    return kind


# --- 文件与 YAML 格式 -------------------------------------------------------
ENCODING = _kind(
    "XG101", "文件编码不是 UTF-8",
    "文件用 GBK/GB18030（Windows 记事本的“ANSI”）或 UTF-16 保存。网站只读 UTF-8。",
    fix="用记事本打开，选“另存为”，编码选“UTF-8”再保存；VS Code 里点右下角的编码，选“通过编码保存”→“UTF-8”。",
)
YAML_SYNTAX = _kind(
    "XG102", "YAML 格式错误",
    "文件不是合法的 YAML：缺少冒号后的空格、引号没有配对、缩进没有对齐等。",
    "标题:喜迎二十大", "标题: 喜迎二十大",
)
BAD_INDENT = _kind(
    "XG103", "缩进用了 Tab 或全角空格",
    "YAML 的缩进只能用半角空格。Tab 键和中文输入法的全角空格“　”都不行。",
    "照片:\n\t- 文件: a.jpg", "照片:\n  - 文件: a.jpg",
)
FULLWIDTH_COLON = _kind(
    "XG104", "用了中文冒号",
    "字段名后面要用英文冒号加一个空格“: ”，中文输入法的全角冒号“：”不算。",
    "标题：喜迎二十大", "标题: 喜迎二十大",
)
ALIAS = _kind(
    "XG105", "不支持 YAML 锚点和别名",
    "文件里用了 & 锚点或 * 别名。它们容易出错（还能被用来拖垮构建），本站数据不使用。",
    "参与教师: *老师们", "参与教师: [yang-xiaoxi, ren-jing]",
)
TOO_BIG = _kind(
    "XG106", "文件太大或嵌套太深",
    "一条记录的文件超过大小上限，或者层层嵌套太深。正常的记录只有几 KB。",
    fix="检查是否误把整篇文档或图片粘贴进了 .yml 文件；照片放进 site_data/photos/，文件里只写路径。",
)
NOT_A_RECORD = _kind(
    "XG107", "文件内容不是一条记录",
    "每个 .yml 文件应该是一条记录：若干行“字段: 值”。文件是空的、只有一段文字或是一个列表时会出现。",
    "- 杨小玺", "编号: yang-xiaoxi\n姓名: 杨小玺",
)
DUPLICATE_KEY = _kind(
    "XG108", "字段重复",
    "同一层里同一个字段写了两次，YAML 会悄悄只保留后一个。",
    "标题: 清明祭扫\n标题: 清明祭扫活动", "标题: 清明祭扫活动",
)
YAML_TAG = _kind(
    "XG109", "不支持的 YAML 标签",
    "值前面写了 ! 开头的标签（如 !!python/object）。本站数据只用普通的文字、数字、日期和列表。",
    fix="删掉值前面以 ! 开头的部分，只写值本身。",
)
MISSING_SITE = _kind(
    "XG110", "缺少 site.yml",
    "site_data/site.yml 是全站的基本信息（校名、品牌、联系方式），必须存在。",
    fix="从示例站点复制 site_data/site.yml，再改成本校的信息。",
)
IGNORED_FILE = _kind(
    "XG111", "文件不会被读取",
    "记录文件夹里有不是 .yml 的文件，网站会忽略它。照片请放在 site_data/photos/ 下。",
    warning=True,
    fix="记录文件改成 .yml 结尾；照片移到 site_data/photos/；不需要的文件删掉。",
)
UNREADABLE_FILE = _kind(
    "XG112", "文件无法读取",
    "文件不存在、没有读取权限、是指向 site_data 以外的链接，或文件名不合规范。",
    fix="把文件本身放进 site_data/（不要用快捷方式或链接），确认有读取权限。",
)

# --- 字段 ---------------------------------------------------------------------
MISSING_FIELD = _kind(
    "XG201", "缺少必填字段",
    "这种记录必须写的字段没有写，或者只写了字段名没有写值。",
    "编号: qingming-2022\n日期: 2022-04-02", "编号: qingming-2022\n标题: 清明祭扫\n日期: 2022-04-02",
)
UNKNOWN_FIELD = _kind(
    "XG202", "没有这个字段",
    "字段名写错了（常见是错别字或多了空格），或者写在了错误的层级。",
    "题目: 清明祭扫", "标题: 清明祭扫",
)
WRONG_TYPE = _kind(
    "XG203", "值的类型不对",
    "字段要的是文字、数字、日期、列表或若干子字段，写的却是别的。",
    "称号: 名师", "称号: [名师]",
)
YAML_TRAP = _kind(
    "XG204", "YAML 把值读成了别的东西",
    "不加引号时，YAML 会把 12:00 读成数字 720，把 no/yes/on/off 读成真假值，把 010 读成 8，"
    "把 2022-04-02 读成日期。文字字段里出现这些写法时要加引号。",
    "时间: 12:00", '时间: "12:00"',
)
BAD_FORMAT = _kind(
    "XG205", "格式不对",
    "值不符合这个字段要求的格式，例如编号只能用小写拼音、数字和连字符，路径要用“/”分隔。",
    "编号: 杨小玺", "编号: yang-xiaoxi",
)
NOT_ALLOWED = _kind(
    "XG206", "值不在可选范围内",
    "这个字段只能从固定的几项里选一项，例如荣誉级别只能是 国家、省、市、县、校。",
    "级别: 县级", "级别: 县",
)
BAD_LENGTH = _kind(
    "XG207", "内容太长、太短或为空",
    "文字为空、列表为空，或超过了长度上限。",
    "替代文本: ", "替代文本: 少先队员在烈士纪念碑前敬献花圈",
)
BAD_DATE = _kind(
    "XG208", "日期写法不对",
    "日期要写成 年-月-日，月和日都用两位数，例如 2022-04-02；不加引号。",
    "日期: 2022年4月2日", "日期: 2022-04-02",
)
BAD_NUMBER = _kind(
    "XG209", "数字超出范围",
    "数字太大或太小，例如照片宽度必须在 16 到 8192 之间。",
    fix="改成提示里给出的范围内的数字。",
)

COMMENT_CUT = _kind(
    "XG210", "“#”后面的字被当成了注释",
    "YAML 把空格后面的“#”当成注释的开始：“#”和它后面的字都不会出现在网站上；值以“#”开头时整个字段就成了空的。",
    "标题: 第 #3 期少年宫", '标题: "第 #3 期少年宫"',
)
LIST_SLIP = _kind(
    "XG211", "列表用了中文逗号",
    "方括号列表的各项要用英文逗号“,”分开；用了中文逗号“，”或顿号“、”，几项会连成一项。",
    "称号: [名师，党员先锋]", "称号: [名师, 党员先锋]",
)
DUPLICATE_IN_LIST = _kind(
    "XG212", "列表里有重复",
    "同一个列表里同一项写了两次（例如同一位教师），网站上会出现两次。",
    "参与教师: [ren-jing, yang-xiaoxi, ren-jing]", "参与教师: [ren-jing, yang-xiaoxi]",
)
GARBLED_TEXT = _kind(
    "XG213", "文字里有乱码",
    "文字里有“�”：复制的时候编码出了错，原来的字已经丢了，不能这样发布。",
    fix="从原文（Word、微信）重新复制这一段；或者删掉“�”，补上缺的字。",
)
LINK_WITHOUT_SCHEME = _kind(
    "XG214", "链接缺少 https://",
    "正文里的链接 [文字](网址) 的网址没有以 https:// 开头，网站会把它当成本站里的页面，点开是空的。",
    "[县教育局](www.example.gov.cn)", "[县教育局](https://www.example.gov.cn)",
)
FUTURE_DATE = _kind(
    "XG215", "日期在将来",
    "活动、荣誉或同意书的日期晚于今天，多半是年份打错了；这样的活动会一直排在“最新活动”最前面。",
    "日期: 2032-04-02", "日期: 2022-04-02",
)

# --- 记录之间 -----------------------------------------------------------------
DUPLICATE_ID = _kind(
    "XG301", "编号重复",
    "两条同类记录用了同一个编号。编号是记录的身份证，不能重复（常见于复制旧文件后忘了改编号）。",
    fix="给后复制的那条记录换一个新编号，并检查引用它的地方。",
)
DATE_ORDER = _kind(
    "XG303", "日期先后颠倒",
    "“置顶至”或“有效期至”早于通知的发布日期：通知一发布就已经过期或不再置顶。",
    "日期: 2023-01-06\n有效期至: 2022-02-05", "日期: 2023-01-06\n有效期至: 2023-02-05",
)
DANGLING_REFERENCE = _kind(
    "XG302", "引用的记录不存在",
    "写了一个不存在的编号：教师、活动、同意书或分类的编号拼错了，或那条记录已被删除。",
    "参与教师: [yang-xiaoxy]", "参与教师: [yang-xiaoxi]",
)

# --- 照片 ---------------------------------------------------------------------
PHOTO_MISSING = _kind(
    "XG401", "照片文件不存在",
    "“文件”写的路径下没有这张照片。路径从 site_data/ 算起，区分大小写，要带扩展名。",
    "文件: photos/qingming/01.JPG", "文件: photos/qingming/01.jpg",
)
PHOTO_OUTSIDE = _kind(
    "XG402", "照片路径越出了 site_data",
    "路径里有 ../、以 / 开头，或是指向 site_data 以外的链接。网站只发布 site_data/ 里的照片。",
    "文件: ../../桌面/01.jpg", "文件: photos/qingming/01.jpg",
)
NO_CONSENT = _kind(
    "XG403", "学生照片没有监护人同意书",
    "照片标了“含学生: true”，却没有写“同意书”，或写的同意书不存在、已过期。"
    "依照《个人信息保护法》第三十一条，不满十四周岁未成年人的个人信息须取得监护人同意，否则不能发布。",
    "含学生: true", "含学生: true\n同意书: consent-2022-qingming",
)
PHOTO_FORMAT = _kind(
    "XG404", "照片格式不支持",
    "只支持 JPEG、PNG、WebP、HEIC/HEIF 照片。",
    fix="在手机或电脑上把照片另存为 JPEG（.jpg）再放进来。",
)
PHOTO_BROKEN = _kind(
    "XG405", "照片文件损坏",
    "照片是空文件、只拷贝了一半、不是图片，或很小的文件却自称有极多像素。请重新从手机或相机导出。",
    fix="重新从手机或相机导出这张照片，替换损坏的文件；或从记录里删去它。",
)
PHOTO_TOO_LARGE = _kind(
    "XG407", "照片像素太多",
    "照片是好的，但像素比网站能处理的还多：JPEG 最多 2 亿像素（手机的 1 亿、2 亿像素模式拍的都可以），"
    "PNG、WebP、HEIC 最多 1 亿像素（它们要整张解码）。",
    fix="在手机相册或电脑上把照片另存为较小的尺寸（例如宽 8000 像素以内），或把 PNG 另存为 JPEG，再替换原文件。",
)
_WORKER_KILLED = ("的后台进程被系统强行结束了，多半是内存不够：照片太大，或电脑上同时开着很多程序。"
                  "网站没有更新（还是上一次的样子），已经处理好的照片都保存着，下次不用重做。")
PHOTO_WORKER_KILLED = _kind(
    "XG408", "处理照片时后台进程被系统结束",
    "生成网站时，处理照片" + _WORKER_KILLED,
    # When the photo in hand is known: it and the records that use it (the file is the problem's file).
    what="处理这张照片（用在：{used_by}）" + _WORKER_KILLED,
    fix="关掉其他程序后重新生成网站。如果还是这样：把这张照片在手机相册或电脑上另存为较小的尺寸"
        "（例如宽 8000 像素以内）再替换，或在 site.yml 的“照片设置”里写“并行数: 1”（一次只处理一张，用的内存最少）。",
)
STUDENT_PHOTO_SKIPPED = _kind(
    "XG406", "跳过了没有同意书的学生照片",
    "site.yml 把“学生照片无同意书”设成了“跳过”：这张照片不会发布，其余内容照常生成。",
    warning=True,
    fix="补登记监护人同意书并在照片下写“同意书: 编号”，照片就会发布。",
)

# --- 通知公告的附件 -----------------------------------------------------------
ATTACHMENT_MISSING = _kind(
    "XG601", "附件文件不存在",
    "“附件”的“文件”写的路径下没有这个文件。路径从 site_data/ 算起，区分大小写，要带扩展名。",
    "文件: files/寒假通知.PDF", "文件: files/寒假通知.pdf",
)
ATTACHMENT_OUTSIDE = _kind(
    "XG602", "附件不在 site_data/files/ 里",
    "附件要放在 site_data/files/ 下，路径从 site_data/ 算起；不能用 ../、以 / 开头或指向别处的链接。",
    "文件: ../桌面/寒假通知.pdf", "文件: files/2023-hanjia-fangjia.pdf",
)
ATTACHMENT_TYPE = _kind(
    "XG603", "附件类型不能发布",
    "附件只收 PDF、Word（.docx）、Excel（.xlsx）。旧的 .doc/.xls、带宏的文件、压缩包和可执行程序都不能发布；"
    "改了扩展名的文件按真实内容判断。",
    "文件: files/报名表.xls", "文件: files/报名表.xlsx",
)
ATTACHMENT_TOO_BIG = _kind(
    "XG604", "附件太大",
    "附件超过了 site.yml“构建选项”里“附件上限MB”的大小（默认 20 MB）。家长多用手机流量下载。",
    fix="扫描件用 150 dpi 重新扫描，或导出较小的 PDF；确实需要时调高“附件上限MB”。",
)
ATTACHMENT_UNCLEANABLE = _kind(
    "XG605", "附件无法清理",
    "发布前要清除附件里的作者、单位、修改人等信息。文件损坏、加了密码，或带着批注和修订记录（上面有老师的姓名）时，"
    "无法保证清理干净，就不发布。",
    fix="在电脑上打开原文件，去掉密码、接受所有修订、删除批注后重新另存，或导出为 PDF。",
)

# --- 提醒（--strict 时也算错误） ---------------------------------------------
NO_CAPTION = _kind(
    "XG501", "照片没有说明",
    "照片没有“说明”。说明显示在照片下方，也会被搜索到。",
    "- 文件: photos/a.jpg\n  替代文本: 队员敬献花圈", "- 文件: photos/a.jpg\n  替代文本: 队员敬献花圈\n  说明: 清明节，少先队员祭扫烈士墓",
    warning=True,
)
LONG_TEXT = _kind(
    "XG502", "标题太长",
    "标题超过建议长度，在手机上会折成好几行。",
    warning=True,
    fix="精简标题，把细节写进“摘要”或“正文”。",
)
EMERGENCY_WITHOUT_END = _kind(
    "XG503", "紧急通知没有有效期",
    "紧急通知会整屏显示在走廊显示屏上。没写“有效期至”时，它会一直占着屏幕，直到删掉这个文件。",
    "紧急: true", "紧急: true\n有效期至: 2023-07-12",
    warning=True,
)
NO_FEED_ADDRESS = _kind(
    "XG504", "没有网址，不生成订阅源",
    "订阅源（feed.xml）里的链接必须是完整网址，教育局的信息汇总平台按它抓取学校的通知和活动。"
    "site.yml 没写“网址”时就不生成订阅源。",
    "学校名称: 西乡县城北小学", "学校名称: 西乡县城北小学\n网址: https://www.example.edu.cn/",
    warning=True,
    fix="在 site.yml 里写上网站的正式网址（以 / 结尾）；不需要订阅源时，在 site.yml 里写一行“订阅源: false”。",
)
DISPLAY_PLAYLIST = _kind(
    "XG505", "显示屏播放列表有误",
    "site.yml 的“显示屏.播放列表”里写了不存在的长廊或活动分类，或两个播放列表重名。那一项会被忽略。",
    warning=True,
    fix="照提示改成现有的长廊编号或活动分类；每个播放列表起不同的名称。",
)
