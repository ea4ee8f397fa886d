<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AnnotationPanel</name>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Фигура</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Choose Rectangle or Arrow, drag on a page, then type the note.</source>
        <translation>Выберите «Рамка» или «Стрелка», проведите мышью по странице и введите текст заметки.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Рамка</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Стрелка</translation>
    </message>
</context>
<context>
    <name>AnswerBox</name>
    <message>
        <source>Examine</source>
        <extracomment>A neutral highlight for the chosen answer (not the verdict colours: no hint of right/wrong).</extracomment>
        <translation>Исследовать</translation>
    </message>
    <message>
        <source>Run the examination engine on this case</source>
        <translation>Запустить автоматическое исследование этого задания</translation>
    </message>
    <message>
        <source>Open in expert tools</source>
        <translation>Открыть в инструментах эксперта</translation>
    </message>
    <message>
        <source>Your verdict</source>
        <translation>Ваше заключение</translation>
    </message>
    <message>
        <source>Features you judge faulty</source>
        <translation>Признаки, которые вы считаете нарушенными</translation>
    </message>
    <message>
        <source>Consistent</source>
        <translation>Соответствует</translation>
    </message>
    <message>
        <source>Suspect</source>
        <translation>Подозрительный</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Не определено</translation>
    </message>
    <message>
        <source>Examining…</source>
        <translation>Исследование…</translation>
    </message>
    <message>
        <source>Automatic verdicts are hidden in this session: compare the pages with the specimen and judge for yourself.</source>
        <translation>Автоматические заключения в этом занятии скрыты: сравните страницы с образцом и решите сами.</translation>
    </message>
    <message>
        <source>No specimen was identified, so there is no list of features: tell your trainer what you saw.</source>
        <translation>Образец не определён, поэтому списка признаков нет: расскажите преподавателю, что вы увидели.</translation>
    </message>
    <message>
        <source>Press Examine to list the specimen&apos;s features.</source>
        <translation>Нажмите «Исследовать», чтобы получить список признаков образца.</translation>
    </message>
</context>
<context>
    <name>BoothActions</name>
    <message>
        <source>Open file…</source>
        <extracomment>decision -&gt; its key.</extracomment>
        <translation>Открыть файл…</translation>
    </message>
    <message>
        <source>Open folder…</source>
        <translation>Открыть папку…</translation>
    </message>
    <message>
        <source>Sample document</source>
        <translation>Пример документа</translation>
    </message>
    <message>
        <source>Generate a fictional passport under three lights</source>
        <translation>Создать вымышленный паспорт в трёх видах освещения</translation>
    </message>
    <message>
        <source>Genuine sample</source>
        <translation>Подлинный пример</translation>
    </message>
    <message>
        <source>Forged: photo substituted</source>
        <translation>Подделка: заменена фотография</translation>
    </message>
    <message>
        <source>Forged: MRZ altered</source>
        <translation>Подделка: изменена МЧЗ</translation>
    </message>
    <message>
        <source>Forged: counterfeit reprint</source>
        <translation>Подделка: полная перепечатка</translation>
    </message>
    <message>
        <source>Forged: UV print missing</source>
        <translation>Подделка: нет УФ-печати</translation>
    </message>
    <message>
        <source>Capture</source>
        <translation>Снимок</translation>
    </message>
    <message>
        <source>Scan, or keep the camera&apos;s current picture</source>
        <translation>Отсканировать или сохранить текущий кадр камеры</translation>
    </message>
    <message>
        <source>Admit</source>
        <translation>Пропустить</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Отказать</translation>
    </message>
    <message>
        <source>Refer</source>
        <translation>Направить</translation>
    </message>
    <message>
        <source>Refer to the examination service</source>
        <translation>Направить в экспертную службу</translation>
    </message>
    <message>
        <source>Open in expert view</source>
        <translation>Открыть в экспертизе</translation>
    </message>
    <message>
        <source>Next traveller</source>
        <translation>Следующий</translation>
    </message>
    <message>
        <source>Clear for the next traveller (not recorded)</source>
        <translation>Очистить для следующего лица (без записи в журнал)</translation>
    </message>
</context>
<context>
    <name>BoothWorkspace</name>
    <message>
        <source>Note for the log (optional)</source>
        <translation>Заметка для журнала (необязательно)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Waiting for a document.
Open a capture set (Ctrl+O), drop a file or a folder here, or use the source chosen above.</source>
        <translation>Ожидание документа.
Откройте набор снимков (Ctrl+O), перетащите сюда файл или папку или используйте источник, выбранный выше.</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>в очереди: %1</translation>
    </message>
    <message>
        <source>Generating a sample document…</source>
        <translation>Создаётся пример документа…</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>пример</translation>
    </message>
    <message>
        <source>Nothing to capture from this source now.</source>
        <translation>С этого источника сейчас нечего снимать.</translation>
    </message>
    <message>
        <source>Too many captures waiting: %1 was not examined.</source>
        <translation>Слишком много снимков в очереди: %1 не проверен.</translation>
    </message>
    <message>
        <source>Examining %1…</source>
        <translation>Проверка: %1…</translation>
    </message>
    <message>
        <source>Examined in %1 s. Decide: %2.</source>
        <translation>Проверено за %1 с. Решение: %2.</translation>
    </message>
    <message>
        <source>The document could not be examined.</source>
        <translation>Документ не удалось проверить.</translation>
    </message>
    <message>
        <source>Writing to the log…</source>
        <translation>Запись в журнал…</translation>
    </message>
    <message>
        <source>Recorded: %1 (case %2). Ready for the next traveller.</source>
        <translation>Записано: %1 (дело %2). Готово к следующему лицу.</translation>
    </message>
    <message>
        <source>Not recorded: the log could not be written. Decide again once it is fixed.</source>
        <translation>Не записано: журнал недоступен для записи. Примите решение снова, когда это будет исправлено.</translation>
    </message>
    <message>
        <source>Ready for the next traveller.</source>
        <translation>Готово к следующему лицу.</translation>
    </message>
</context>
<context>
    <name>BuildPanel</name>
    <message>
        <source>Session</source>
        <translation>Занятие</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Задания</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Название:</translation>
    </message>
    <message>
        <source>Trainer:</source>
        <translation>Преподаватель:</translation>
    </message>
    <message>
        <source>Time per case:</source>
        <translation>Время на задание:</translation>
    </message>
    <message>
        <source>Package:</source>
        <translation>Пакет:</translation>
    </message>
    <message>
        <source>Specimens:</source>
        <translation>Образцы:</translation>
    </message>
    <message>
        <source>Number of cases:</source>
        <translation>Число заданий:</translation>
    </message>
    <message>
        <source>Forged share:</source>
        <translation>Доля подделок:</translation>
    </message>
    <message>
        <source>Forgery kinds:</source>
        <translation>Виды подделок:</translation>
    </message>
    <message>
        <source>Capture:</source>
        <translation>Съёмка:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Папка:</translation>
    </message>
    <message>
        <source>e.g. UV and IR, group 3</source>
        <translation>например, УФ и ИК, группа 3</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>без ограничения</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>Trainees may see the automatic verdict</source>
        <translation>Обучаемые видят автоматическое заключение</translation>
    </message>
    <message>
        <source>where to write the .dxs package</source>
        <translation>куда записать пакет .dxs</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Documents made by the studio</source>
        <translation>Документы, созданные студией</translation>
    </message>
    <message>
        <source>Real captures from a folder with answers.json</source>
        <translation>Реальные снимки из папки с answers.json</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Build session</source>
        <translation>Создать занятие</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Folder of real captures</source>
        <translation>Папка с реальными снимками</translation>
    </message>
    <message>
        <source>Save the session as</source>
        <translation>Сохранить занятие как</translation>
    </message>
    <message>
        <source>Training sessions (*.dxs)</source>
        <translation>Учебные занятия (*.dxs)</translation>
    </message>
    <message>
        <source>Building the session…</source>
        <translation>Создание занятия…</translation>
    </message>
    <message>
        <source>Enter the trainer&apos;s name.</source>
        <translation>Введите имя преподавателя.</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>Выберите, куда сохранить пакет.</translation>
    </message>
    <message>
        <source>Choose the folder of real captures.</source>
        <translation>Выберите папку с реальными снимками.</translation>
    </message>
    <message>
        <source>Tick at least one specimen.</source>
        <translation>Отметьте хотя бы один образец.</translation>
    </message>
    <message>
        <source>Tick at least one forgery kind.</source>
        <translation>Отметьте хотя бы один вид подделки.</translation>
    </message>
    <message>
        <source>Stopping after the current case…</source>
        <translation>Остановка после текущего задания…</translation>
    </message>
    <message>
        <source>case %1 of %2</source>
        <translation>задание %1 из %2</translation>
    </message>
    <message>
        <source>Keep the answer key to yourself: never hand it out with the package.</source>
        <translation>Храните ключ ответов у себя: никогда не выдавайте его вместе с пакетом.</translation>
    </message>
    <message>
        <source>Session built: %1 cases.</source>
        <translation>Занятие создано: заданий — %1.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>Отменено: ничего не записано.</translation>
    </message>
</context>
<context>
    <name>CameraPage</name>
    <message>
        <source>Camera index (0, 1 …), a video file, an image folder or a stream URL</source>
        <translation>Номер камеры (0, 1 …), видеофайл, папка снимков или адрес потока</translation>
    </message>
    <message>
        <source>Stop preview</source>
        <translation>Остановить просмотр</translation>
    </message>
    <message>
        <source>Start preview</source>
        <translation>Включить просмотр</translation>
    </message>
    <message>
        <source>Auto-capture</source>
        <translation>Автоснимок</translation>
    </message>
    <message>
        <source>Opening the camera…</source>
        <translation>Камера открывается…</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>камера</translation>
    </message>
    <message>
        <source>Place the document under the camera.</source>
        <translation>Положите документ под камеру.</translation>
    </message>
    <message>
        <source>Move the whole document into the picture.</source>
        <translation>Поместите весь документ в кадр.</translation>
    </message>
    <message>
        <source>Hold still: the picture is blurred.</source>
        <translation>Не двигайте: изображение размыто.</translation>
    </message>
    <message>
        <source>Hold still…</source>
        <translation>Не двигайте…</translation>
    </message>
    <message>
        <source>Captured.</source>
        <translation>Снимок сделан.</translation>
    </message>
    <message>
        <source>Document in frame: press %1 to capture.</source>
        <translation>Документ в кадре: нажмите %1 для снимка.</translation>
    </message>
    <message>
        <source>The camera source ended; the preview stopped.</source>
        <translation>Источник камеры закончился; просмотр остановлен.</translation>
    </message>
    <message>
        <source>Camera preview stopped.</source>
        <translation>Просмотр с камеры остановлен.</translation>
    </message>
</context>
<context>
    <name>CaptureStrip</name>
    <message>
        <source>Stored captures</source>
        <translation>Сохранённые снимки</translation>
    </message>
    <message>
        <source>Loading the stored images…</source>
        <translation>Загрузка сохранённых изображений…</translation>
    </message>
    <message>
        <source>The images were removed with the case.</source>
        <translation>Изображения удалены вместе с данными записи.</translation>
    </message>
    <message>
        <source>No capture images were stored.</source>
        <translation>Снимки не сохранялись.</translation>
    </message>
    <message>
        <source>This image is no longer in the image store.</source>
        <translation>Этого изображения больше нет в хранилище.</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(отсутствует)</translation>
    </message>
</context>
<context>
    <name>CaseDetail</name>
    <message>
        <source>Open in expert view</source>
        <translation>Открыть в экспертизе</translation>
    </message>
    <message>
        <source>Examine the stored captures again and open them in the expert view (Enter)</source>
        <translation>Повторно проверить сохранённые снимки и открыть их в режиме экспертизы (Enter)</translation>
    </message>
    <message>
        <source>Why this verdict</source>
        <translation>Основания заключения</translation>
    </message>
    <message>
        <source>Decision history</source>
        <translation>История решений</translation>
    </message>
    <message>
        <source>Expert review</source>
        <translation>Заключение эксперта</translation>
    </message>
    <message>
        <source>Machine-readable zone</source>
        <translation>Машиночитаемая зона</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>Запись не выбрана</translation>
    </message>
    <message>
        <source>Select an examination in the list to see it here.</source>
        <translation>Выберите проверку в списке, чтобы увидеть её здесь.</translation>
    </message>
    <message>
        <source>Examined %1 at station %2 by %3</source>
        <translation>Проверено %1 на посту %2, офицер %3</translation>
    </message>
    <message>
        <source>Specimen: %1</source>
        <translation>Образец: %1</translation>
    </message>
    <message>
        <source>The personal data and images of this case were removed (retention period); only the verdict and decision remain.</source>
        <translation>Персональные данные и изображения этой записи удалены (истёк срок хранения); сохранены только заключение и решение.</translation>
    </message>
    <message>
        <source>No findings: every check that could be run passed.</source>
        <translation>Замечаний нет: все проверки, которые удалось выполнить, пройдены.</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>Решение: %1</translation>
    </message>
    <message>
        <source>Correction: %1 (%2)</source>
        <translation>Исправление: %1 (%2)</translation>
    </message>
    <message>
        <source>Imported from another station&apos;s log</source>
        <translation>Импортировано из журнала другого поста</translation>
    </message>
    <message>
        <source>No decision recorded.</source>
        <translation>Решение не записано.</translation>
    </message>
    <message>
        <source>No expert review recorded.</source>
        <translation>Заключение эксперта не записано.</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>No machine-readable zone was read.</source>
        <translation>Машиночитаемая зона не прочитана.</translation>
    </message>
    <message>
        <source>MRZ valid</source>
        <translation>МЧЗ корректна</translation>
    </message>
    <message>
        <source>MRZ invalid</source>
        <translation>МЧЗ некорректна</translation>
    </message>
    <message>
        <source>Document code</source>
        <translation>Код документа</translation>
    </message>
    <message>
        <source>Issuing state</source>
        <translation>Государство выдачи</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>Номер документа</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given names</source>
        <translation>Имена</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Дата рождения</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Date of expiry</source>
        <translation>Дата окончания срока действия</translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <source>Captures</source>
        <translation>Снимки</translation>
    </message>
    <message>
        <source>Compare with the specimen</source>
        <translation>Сравнение с образцом</translation>
    </message>
    <message>
        <source>Side:</source>
        <translation>Сторона:</translation>
    </message>
    <message>
        <source>Light:</source>
        <translation>Освещение:</translation>
    </message>
    <message>
        <source>Questioned document</source>
        <translation>Исследуемый документ</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Loading the case…</source>
        <translation>Загрузка задания…</translation>
    </message>
    <message>
        <source>No picture under this light</source>
        <translation>Нет снимка при этом освещении</translation>
    </message>
    <message>
        <source>No specimen was identified: there is nothing to compare with.</source>
        <translation>Образец не определён: сравнивать не с чем.</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>No page to compare: no specimen was matched</source>
        <translation>Сравнивать не с чем: образец не определён</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Questioned document</source>
        <translation>Проверяемый документ</translation>
    </message>
    <message>
        <source>Overlay: the questioned document (%1 %) over the specimen</source>
        <translation>Наложение: проверяемый документ (%1 %) поверх образца</translation>
    </message>
    <message>
        <source>questioned document</source>
        <translation>проверяемый документ</translation>
    </message>
    <message>
        <source>specimen</source>
        <translation>образец</translation>
    </message>
    <message>
        <source>Blink: %1</source>
        <translation>Мерцание: %1</translation>
    </message>
    <message>
        <source>Difference from the specimen (dark: same, bright: different)</source>
        <translation>Отличия от образца (тёмное — совпадает, яркое — отличается)</translation>
    </message>
    <message>
        <source>Difference from the specimen: computing…</source>
        <translation>Отличия от образца: вычисляются…</translation>
    </message>
    <message>
        <source>%1 mm</source>
        <translation>%1 мм</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Open another session</source>
        <translation>Открыть другое занятие</translation>
    </message>
    <message>
        <source>You answered %1 of %2 cases in %3.</source>
        <translation>Вы ответили на %1 из %2 заданий за %3.</translation>
    </message>
</context>
<context>
    <name>ErrorMessages</name>
    <message>
        <source>The file could not be found. It may have been moved, renamed or deleted.</source>
        <translation>Файл не найден. Возможно, он был перемещён, переименован или удалён.</translation>
    </message>
    <message>
        <source>The file could not be read. Check your access rights and that the drive is connected.</source>
        <translation>Не удалось прочитать файл. Проверьте права доступа и подключение диска.</translation>
    </message>
    <message>
        <source>The file is empty. The scan or the copy may not have finished.</source>
        <translation>Файл пуст. Возможно, сканирование или копирование не завершилось.</translation>
    </message>
    <message>
        <source>The file is not an image. Choose a scan or a photo (JPEG, PNG, TIFF…).</source>
        <translation>Файл не является изображением. Выберите скан или фотографию (JPEG, PNG, TIFF…).</translation>
    </message>
    <message>
        <source>The image is damaged and cannot be decoded. Scan the document again.</source>
        <translation>Изображение повреждено и не может быть декодировано. Отсканируйте документ ещё раз.</translation>
    </message>
    <message>
        <source>The image file is incomplete (cut off). Scan the document or copy the file again.</source>
        <translation>Файл изображения неполный (обрезан). Отсканируйте документ или скопируйте файл ещё раз.</translation>
    </message>
    <message>
        <source>The image is too large to process safely. Scan at a lower resolution (300–600 dpi).</source>
        <translation>Изображение слишком велико для безопасной обработки. Сканируйте с меньшим разрешением (300–600 dpi).</translation>
    </message>
    <message>
        <source>This image format is not supported. Save the scan as JPEG, PNG or TIFF.</source>
        <translation>Этот формат изображения не поддерживается. Сохраните скан в формате JPEG, PNG или TIFF.</translation>
    </message>
    <message>
        <source>The text is not a machine-readable zone of a known format.</source>
        <translation>Текст не является машиночитаемой зоной известного формата.</translation>
    </message>
    <message>
        <source>A recognition model of docexam is missing or damaged. Reinstall docexam.</source>
        <translation>Модель распознавания docexam отсутствует или повреждена. Переустановите docexam.</translation>
    </message>
    <message>
        <source>The operation could not be completed.</source>
        <translation>Не удалось выполнить операцию.</translation>
    </message>
    <message>
        <source>Cannot open the image</source>
        <translation>Не удаётся открыть изображение</translation>
    </message>
    <message>
        <source>Cannot complete the action</source>
        <translation>Не удаётся выполнить действие</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Подробности: %1</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Внутренняя ошибка</translation>
    </message>
    <message>
        <source>An internal error occurred. The action was not completed, but you can continue working.</source>
        <translation>Произошла внутренняя ошибка. Действие не выполнено, но вы можете продолжать работу.</translation>
    </message>
    <message>
        <source>If it happens again, report it to IT support with the details.</source>
        <translation>Если ошибка повторится, сообщите о ней в службу ИТ-поддержки, приложив подробности.</translation>
    </message>
</context>
<context>
    <name>ExpertHeader</name>
    <message>
        <source>Side:</source>
        <translation>Сторона:</translation>
    </message>
    <message>
        <source>Examined document</source>
        <translation>Проверяемый документ</translation>
    </message>
    <message>
        <source>log entry %1</source>
        <translation>запись журнала %1</translation>
    </message>
    <message>
        <source>not in the log yet</source>
        <translation>ещё не записан в журнал</translation>
    </message>
    <message>
        <source>the log recorded: %1</source>
        <translation>в журнале записано: %1</translation>
    </message>
    <message>
        <source>Specimen: %1 (%2)</source>
        <translation>Образец: %1 (%2)</translation>
    </message>
    <message>
        <source>Specimen: none identified</source>
        <translation>Образец: не определён</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>(и ещё %1)</translation>
    </message>
    <message>
        <source>Main finding: %1</source>
        <translation>Основное замечание: %1</translation>
    </message>
    <message>
        <source>No findings on this side.</source>
        <translation>На этой стороне замечаний нет.</translation>
    </message>
</context>
<context>
    <name>ExpertPlaceholder</name>
    <message>
        <source>No document is open for expert examination</source>
        <translation>Документ для экспертной проверки не открыт</translation>
    </message>
    <message>
        <source>Examine a document at the booth and open it in the expert view, or open a past case from the examination log. It appears here beside its specimen, under every light it was captured in, with the checks of the machine.</source>
        <translation>Проверьте документ на посту и откройте его в экспертном режиме или откройте прошлую проверку из журнала проверок. Документ появится здесь рядом с образцом, во всех видах освещения, в которых он был снят, вместе с результатами автоматических проверок.</translation>
    </message>
</context>
<context>
    <name>ExpertTexts</name>
    <message>
        <source>Passed</source>
        <extracomment>Colour-blind safe: every status also has its own symbol. Order of the check list: what needs the expert&apos;s eye first.</extracomment>
        <translation>Пройдена</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Не пройдена</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Не определено</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Не проверялась</translation>
    </message>
    <message>
        <source>Consistent with the specimen</source>
        <translation>Соответствует образцу</translation>
    </message>
    <message>
        <source>Suspect</source>
        <translation>Подозрительный</translation>
    </message>
    <message>
        <source>White</source>
        <translation>Белый</translation>
    </message>
    <message>
        <source>Coaxial</source>
        <translation>Коаксиальный</translation>
    </message>
    <message>
        <source>UV</source>
        <translation>УФ</translation>
    </message>
    <message>
        <source>IR</source>
        <translation>ИК</translation>
    </message>
    <message>
        <source>%1 %2 nm</source>
        <translation>%1 %2 нм</translation>
    </message>
    <message>
        <source>Data page</source>
        <translation>Страница данных</translation>
    </message>
    <message>
        <source>Front</source>
        <translation>Лицевая сторона</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Оборотная сторона</translation>
    </message>
    <message>
        <source>Visa</source>
        <translation>Виза</translation>
    </message>
</context>
<context>
    <name>ExpertToolBar</name>
    <message>
        <source>Move</source>
        <translation>Перемещение</translation>
    </message>
    <message>
        <source>Drag to move both pages; wheel to zoom (H)</source>
        <translation>Перетаскивайте, чтобы двигать обе страницы; колесо мыши — масштаб (H)</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Линейка</translation>
    </message>
    <message>
        <source>Drag a line to measure it in millimetres (M)</source>
        <translation>Проведите линию, чтобы измерить её в миллиметрах (M)</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Рамка</translation>
    </message>
    <message>
        <source>Drag to mark an area with a note (R)</source>
        <translation>Выделите область и добавьте заметку (R)</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Стрелка</translation>
    </message>
    <message>
        <source>Drag from the note to the detail (A)</source>
        <translation>Проведите от заметки к детали (A)</translation>
    </message>
    <message>
        <source>Loupe</source>
        <translation>Лупа</translation>
    </message>
    <message>
        <source>A magnifier ×4 following the mouse (L)</source>
        <translation>Увеличение ×4 под указателем мыши (L)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Целиком</translation>
    </message>
    <message>
        <source>The whole page in view (0)</source>
        <translation>Показать страницу целиком (0)</translation>
    </message>
    <message>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>Увеличить (+ или колесо мыши)</translation>
    </message>
    <message>
        <source>Zoom out (−)</source>
        <translation>Уменьшить (−)</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Экспорт в PDF…</translation>
    </message>
    <message>
        <source>Save a report with the verdict, the checks and the annotated pages</source>
        <translation>Сохранить заключение: вывод, проверки и страницы с заметками</translation>
    </message>
</context>
<context>
    <name>FeatureList</name>
    <message>
        <source>Status</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Свет</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Порог</translation>
    </message>
    <message>
        <source>Questioned</source>
        <translation>Проверяемый</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Отличия</translation>
    </message>
    <message>
        <source>Select a check to see its reason and evidence.</source>
        <translation>Выберите проверку, чтобы увидеть её причину и доказательства.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Document no.:</source>
        <extracomment>The date edits show &quot;any&quot; at this day: QDateEdit has no empty state.</extracomment>
        <translation>№ документа:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Nationality:</source>
        <translation>Гражданство:</translation>
    </message>
    <message>
        <source>Issuing state:</source>
        <translation>Гос. выдачи:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>С:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>По:</translation>
    </message>
    <message>
        <source>Verdict:</source>
        <translation>Заключение:</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>Решение:</translation>
    </message>
    <message>
        <source>Officer:</source>
        <translation>Офицер:</translation>
    </message>
    <message>
        <source>Station:</source>
        <translation>Пост:</translation>
    </message>
    <message>
        <source>start of surname or given name</source>
        <translation>начало фамилии или имени</translation>
    </message>
    <message>
        <source>e.g. UTO</source>
        <translation>напр. UTO</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>любой день</translation>
    </message>
    <message>
        <source>Examinations from this day on</source>
        <translation>Проверки начиная с этого дня</translation>
    </message>
    <message>
        <source>Examinations up to and including this day</source>
        <translation>Проверки по этот день включительно</translation>
    </message>
    <message>
        <source>any</source>
        <translation>любое</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Найти</translation>
    </message>
    <message>
        <source>Search the log (Enter)</source>
        <translation>Искать в журнале (Enter)</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Сбросить фильтры</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>No machine-readable zone was found.</source>
        <translation>Машиночитаемая зона не найдена.</translation>
    </message>
    <message>
        <source>Some characters were read with low confidence: compare them with the document.</source>
        <translation>Некоторые символы распознаны неуверенно: сверьте их с документом.</translation>
    </message>
    <message>
        <source>The MRZ is empty.</source>
        <translation>МЧЗ пуста.</translation>
    </message>
    <message>
        <source>The MRZ has a wrong number of lines.</source>
        <translation>В МЧЗ неверное число строк.</translation>
    </message>
    <message>
        <source>An MRZ line has a wrong length.</source>
        <translation>Строка МЧЗ имеет неверную длину.</translation>
    </message>
    <message>
        <source>The MRZ layout is not recognised.</source>
        <translation>Формат МЧЗ не распознан.</translation>
    </message>
    <message>
        <source>The MRZ contains invalid characters.</source>
        <translation>МЧЗ содержит недопустимые символы.</translation>
    </message>
    <message>
        <source>The document code is invalid.</source>
        <translation>Недопустимый код документа.</translation>
    </message>
    <message>
        <source>The issuing state or nationality code is not an ICAO code.</source>
        <translation>Код государства выдачи или гражданства не является кодом ИКАО.</translation>
    </message>
    <message>
        <source>The document number is missing.</source>
        <translation>Номер документа отсутствует.</translation>
    </message>
    <message>
        <source>The long document number is written incorrectly.</source>
        <translation>Длинный номер документа записан неверно.</translation>
    </message>
    <message>
        <source>A date is not a real date.</source>
        <translation>Дата указана неверно (такой даты не существует).</translation>
    </message>
    <message>
        <source>The sex code is invalid.</source>
        <translation>Недопустимый код пола.</translation>
    </message>
    <message>
        <source>The surname is missing.</source>
        <translation>Фамилия отсутствует.</translation>
    </message>
    <message>
        <source>The name contains digits.</source>
        <translation>Имя содержит цифры.</translation>
    </message>
    <message>
        <source>The check digit of the document number is wrong.</source>
        <translation>Неверная контрольная цифра номера документа.</translation>
    </message>
    <message>
        <source>The check digit of the date of birth is wrong.</source>
        <translation>Неверная контрольная цифра даты рождения.</translation>
    </message>
    <message>
        <source>The check digit of the date of expiry is wrong.</source>
        <translation>Неверная контрольная цифра срока действия.</translation>
    </message>
    <message>
        <source>The check digit of the personal number is wrong.</source>
        <translation>Неверная контрольная цифра личного номера.</translation>
    </message>
    <message>
        <source>The composite check digit is wrong.</source>
        <translation>Неверная общая контрольная цифра.</translation>
    </message>
    <message>
        <source>Lowercase letters were converted to capitals.</source>
        <translation>Строчные буквы преобразованы в заглавные.</translation>
    </message>
    <message>
        <source>The name may be truncated: compare it with the visual zone.</source>
        <translation>Имя может быть усечено: сверьте его с визуальной зоной.</translation>
    </message>
    <message>
        <source>The document has expired.</source>
        <translation>Срок действия документа истёк.</translation>
    </message>
    <message>
        <source>The date of expiry is before the date of birth: one was probably misread.</source>
        <translation>Срок действия раньше даты рождения: вероятно, одна из дат прочитана неверно.</translation>
    </message>
    <message>
        <source>UTO (Utopia) is the state of ICAO specimens, not a real state.</source>
        <translation>UTO (Утопия) — государство образцов ИКАО, а не реальное государство.</translation>
    </message>
    <message>
        <source>The check digit of the long document number also covers a filler.</source>
        <translation>Контрольная цифра длинного номера документа учитывает и символ-заполнитель.</translation>
    </message>
</context>
<context>
    <name>IntegrityIndicator</name>
    <message>
        <source>Verify log</source>
        <translation>Проверить журнал</translation>
    </message>
    <message>
        <source>Check every entry&apos;s hash, the chain&apos;s links and the stored images</source>
        <translation>Проверить хеш каждой записи, связи цепочки и сохранённые изображения</translation>
    </message>
    <message>
        <source>The log has not been verified yet.</source>
        <translation>Целостность журнала ещё не проверялась.</translation>
    </message>
    <message>
        <source>Verifying the log…</source>
        <translation>Проверка целостности журнала…</translation>
    </message>
    <message>
        <source>No log yet: nothing to verify.</source>
        <translation>Журнала ещё нет: проверять нечего.</translation>
    </message>
    <message>
        <source>The log could not be verified.</source>
        <translation>Не удалось проверить журнал.</translation>
    </message>
    <message>
        <source>Log verified: %1 entries intact</source>
        <translation>Журнал проверен: записей без изменений — %1</translation>
    </message>
    <message>
        <source>Log damaged: %1</source>
        <translation>Журнал повреждён: %1</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>и ещё %1</translation>
    </message>
    <message>
        <source>entry #%1 was changed</source>
        <translation>запись №%1 изменена</translation>
    </message>
    <message>
        <source>entry #%1 was deleted</source>
        <translation>запись №%1 удалена</translation>
    </message>
    <message>
        <source>entry #%1 is out of order</source>
        <translation>запись №%1 стоит не на своём месте</translation>
    </message>
    <message>
        <source>entry #%1 was inserted</source>
        <translation>запись №%1 вставлена задним числом</translation>
    </message>
    <message>
        <source>an image of entry #%1 was changed</source>
        <translation>изображение записи №%1 изменено</translation>
    </message>
    <message>
        <source>an image of entry #%1 is missing</source>
        <translation>изображение записи №%1 отсутствует</translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <source>Try again</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <source>Not loaded because of errors in their manifests: %1</source>
        <translation>Не загружены из-за ошибок в описаниях (specimen.json): %1</translation>
    </message>
    <message>
        <source>The specimen library could not be loaded</source>
        <translation>Не удалось загрузить библиотеку образцов</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>Папка: %1</translation>
    </message>
    <message>
        <source>Choose the library folder in Settings, or check that the folder exists and holds one sub-folder per specimen.</source>
        <translation>Выберите папку библиотеки в настройках или проверьте, что папка существует и содержит по одной подпапке на каждый образец.</translation>
    </message>
    <message>
        <source>The specimen library holds no specimens</source>
        <translation>В библиотеке нет ни одного образца</translation>
    </message>
    <message>
        <source>A specimen is a sub-folder with a specimen.json manifest and its images. Choose another folder in Settings.</source>
        <translation>Образец — это подпапка с описанием specimen.json и изображениями. Выберите другую папку в настройках.</translation>
    </message>
    <message>
        <source>Loading the specimen library…</source>
        <translation>Загрузка библиотеки образцов…</translation>
    </message>
    <message>
        <source>Choose a specimen on the left.</source>
        <translation>Выберите образец слева.</translation>
    </message>
</context>
<context>
    <name>LibraryWords</name>
    <message>
        <source>White light</source>
        <translation>Белый свет</translation>
    </message>
    <message>
        <source>UV 365 nm</source>
        <translation>УФ 365 нм</translation>
    </message>
    <message>
        <source>UV 254 nm</source>
        <translation>УФ 254 нм</translation>
    </message>
    <message>
        <source>IR 870 nm</source>
        <translation>ИК 870 нм</translation>
    </message>
    <message>
        <source>IR 950 nm</source>
        <translation>ИК 950 нм</translation>
    </message>
    <message>
        <source>Coaxial light</source>
        <translation>Коаксиальный свет</translation>
    </message>
    <message>
        <source>Passports</source>
        <translation>Паспорта</translation>
    </message>
    <message>
        <source>Identity cards</source>
        <translation>Удостоверения личности</translation>
    </message>
    <message>
        <source>Visas</source>
        <translation>Визы</translation>
    </message>
    <message>
        <source>Residence permits</source>
        <translation>Виды на жительство</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>с %1</translation>
    </message>
</context>
<context>
    <name>LightSlot</name>
    <message>
        <source>White light</source>
        <translation>Белый свет</translation>
    </message>
    <message>
        <source>UV 365 nm</source>
        <translation>УФ 365 нм</translation>
    </message>
    <message>
        <source>IR 870 nm</source>
        <translation>ИК 870 нм</translation>
    </message>
    <message>
        <source>Not the size of the white image: not used.</source>
        <translation>Размер не совпадает со снимком в белом свете: не используется.</translation>
    </message>
    <message>
        <source>The file never became a whole image: not used.</source>
        <translation>Файл так и не стал целым изображением: не используется.</translation>
    </message>
    <message>
        <source>Not used: %1</source>
        <translation>Не используется: %1</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидание</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>загрузка…</translation>
    </message>
    <message>
        <source>captured</source>
        <translation>снято</translation>
    </message>
    <message>
        <source>check the capture</source>
        <translation>проверьте снимок</translation>
    </message>
    <message>
        <source>not captured</source>
        <translation>нет снимка</translation>
    </message>
    <message>
        <source>set aside</source>
        <translation>не используется</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>нет изображения</translation>
    </message>
</context>
<context>
    <name>LogBrowser</name>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>Log: %1</source>
        <translation>Журнал: %1</translation>
    </message>
    <message>
        <source>Examining the stored captures again…</source>
        <translation>Повторная проверка сохранённых снимков…</translation>
    </message>
    <message>
        <source>No examinations have been recorded yet.

Examinations made at the booth appear here as soon as they are logged.</source>
        <translation>В журнале ещё нет проверок.

Проверки, выполненные на посту, появляются здесь сразу после записи в журнал.</translation>
    </message>
    <message>
        <source>No examinations match the filters.</source>
        <translation>Нет проверок, соответствующих фильтрам.</translation>
    </message>
    <message>
        <source>Showing the newest %1 examinations: narrow the filters to see older ones.</source>
        <translation>Показаны последние проверки (%1): уточните фильтры, чтобы увидеть более ранние.</translation>
    </message>
    <message>
        <source>%1 examination(s)</source>
        <translation>Проверок: %1</translation>
    </message>
    <message>
        <source>The log could not be read. Check where the log is kept in the settings, then search again.</source>
        <translation>Не удалось прочитать журнал. Проверьте в настройках, где хранится журнал, и повторите поиск.</translation>
    </message>
    <message>
        <source>The search failed.</source>
        <translation>Поиск не выполнен.</translation>
    </message>
    <message>
        <source>Opened in the expert view.</source>
        <translation>Открыто в режиме экспертизы.</translation>
    </message>
    <message>
        <source>The case could not be opened.</source>
        <translation>Не удалось открыть запись.</translation>
    </message>
</context>
<context>
    <name>LogTableModel</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Заключение</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>Номер документа</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Nationality</source>
        <translation>Гражданство</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Офицер</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Пост</translation>
    </message>
    <message>
        <source>(purged)</source>
        <translation>(удалено)</translation>
    </message>
</context>
<context>
    <name>LogWords</name>
    <message>
        <source>Consistent</source>
        <translation>Соответствует</translation>
    </message>
    <message>
        <source>Suspect</source>
        <translation>Подозрительный</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Без заключения</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>Пропущен</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Не пропущен</translation>
    </message>
    <message>
        <source>Referred</source>
        <translation>Направлен эксперту</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Иное</translation>
    </message>
    <message>
        <source>White light</source>
        <translation>Белый свет</translation>
    </message>
    <message>
        <source>UV 365 nm</source>
        <translation>УФ 365 нм</translation>
    </message>
    <message>
        <source>IR 870 nm</source>
        <translation>ИК 870 нм</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Booth</source>
        <extracomment>Workspace key (as stored in the preferences) in tab order.</extracomment>
        <translation>&amp;Пост</translation>
    </message>
    <message>
        <source>&amp;Expert examination</source>
        <translation>&amp;Экспертиза</translation>
    </message>
    <message>
        <source>&amp;MRZ reader</source>
        <translation>&amp;Чтение МЧЗ</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>&amp;Журнал</translation>
    </message>
    <message>
        <source>Specimen &amp;library</source>
        <translation>&amp;Библиотека образцов</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Обучение</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <source>&amp;About docexam</source>
        <translation>&amp;О программе docexam</translation>
    </message>
    <message>
        <source>Officer %1 · station %2</source>
        <translation>Офицер %1 · пост %2</translation>
    </message>
    <message>
        <source>About docexam</source>
        <translation>О программе docexam</translation>
    </message>
    <message>
        <source>docexam: document-security examination for border control.
The tool reads, compares and records; the officer decides.

Specimen library: %1
Examination log: %2</source>
        <translation>docexam: проверка защиты документов на пограничном контроле.
Программа считывает, сравнивает и записывает; решение принимает офицер.

Библиотека образцов: %1
Журнал проверок: %2</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>The translation could not be loaded; the interface stays in English.</source>
        <translation>Не удалось загрузить перевод; интерфейс остаётся на английском языке.</translation>
    </message>
</context>
<context>
    <name>ModeBar</name>
    <message>
        <source>Side by side</source>
        <translation>Рядом</translation>
    </message>
    <message>
        <source>The questioned document and the specimen side by side</source>
        <translation>Проверяемый документ и образец рядом</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>Наложение</translation>
    </message>
    <message>
        <source>The questioned document over the specimen, see-through</source>
        <translation>Проверяемый документ поверх образца, полупрозрачно</translation>
    </message>
    <message>
        <source>Blink</source>
        <translation>Мерцание</translation>
    </message>
    <message>
        <source>Alternate the questioned document and the specimen</source>
        <translation>Попеременно показывать проверяемый документ и образец</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Отличия</translation>
    </message>
    <message>
        <source>A heat map of where the document differs from the specimen</source>
        <translation>Тепловая карта мест, где документ отличается от образца</translation>
    </message>
    <message>
        <source>Questioned:</source>
        <translation>Проверяемый:</translation>
    </message>
    <message>
        <source>Opacity of the questioned document</source>
        <translation>Непрозрачность проверяемого документа</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <source>every</source>
        <translation>каждые</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> мс</translation>
    </message>
</context>
<context>
    <name>MrzPanel</name>
    <message>
        <source>Machine-readable zone</source>
        <translation>Машиночитаемая зона</translation>
    </message>
    <message>
        <source>Document data</source>
        <translation>Данные документа</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Ошибки</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Предупреждения</translation>
    </message>
    <message>
        <source>Surname:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <source>Given names:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Document number:</source>
        <translation>Номер документа:</translation>
    </message>
    <message>
        <source>Nationality:</source>
        <translation>Гражданство:</translation>
    </message>
    <message>
        <source>Date of birth:</source>
        <translation>Дата рождения:</translation>
    </message>
    <message>
        <source>Sex:</source>
        <translation>Пол:</translation>
    </message>
    <message>
        <source>Date of expiry:</source>
        <translation>Действителен до:</translation>
    </message>
    <message>
        <source>Issuing state:</source>
        <translation>Государство выдачи:</translation>
    </message>
    <message>
        <source>Document code:</source>
        <translation>Код документа:</translation>
    </message>
    <message>
        <source>Optional data:</source>
        <translation>Дополнительные данные:</translation>
    </message>
    <message>
        <source>Optional data (line 2):</source>
        <translation>Дополнительные данные (строка 2):</translation>
    </message>
    <message>
        <source>Personal number:</source>
        <translation>Личный номер:</translation>
    </message>
    <message>
        <source>Document number check digit</source>
        <translation>Контрольная цифра номера документа</translation>
    </message>
    <message>
        <source>Date of birth check digit</source>
        <translation>Контрольная цифра даты рождения</translation>
    </message>
    <message>
        <source>Date of expiry check digit</source>
        <translation>Контрольная цифра срока действия</translation>
    </message>
    <message>
        <source>Personal number check digit</source>
        <translation>Контрольная цифра личного номера</translation>
    </message>
    <message>
        <source>Composite check digit</source>
        <translation>Общая контрольная цифра</translation>
    </message>
    <message>
        <source>male</source>
        <translation>мужской</translation>
    </message>
    <message>
        <source>female</source>
        <translation>женский</translation>
    </message>
    <message>
        <source>unspecified</source>
        <translation>не указан</translation>
    </message>
    <message>
        <source>No document</source>
        <translation>Нет документа</translation>
    </message>
    <message>
        <source>No MRZ found</source>
        <translation>МЧЗ не найдена</translation>
    </message>
    <message>
        <source>MRZ valid</source>
        <translation>МЧЗ корректна</translation>
    </message>
    <message>
        <source>MRZ invalid</source>
        <translation>МЧЗ некорректна</translation>
    </message>
    <message>
        <source>Check that the whole MRZ is in the picture, sharp, upright and free of glare.</source>
        <translation>Проверьте, что МЧЗ целиком попала в кадр, резкая, не перевёрнута и без бликов.</translation>
    </message>
    <message>
        <source>Format: %1</source>
        <translation>Формат: %1</translation>
    </message>
    <message>
        <source>Confidence: %1 %</source>
        <translation>Достоверность: %1 %</translation>
    </message>
</context>
<context>
    <name>MrzWorkspace</name>
    <message>
        <source>&amp;Open image…</source>
        <translation>&amp;Открыть изображение…</translation>
    </message>
    <message>
        <source>Open a scanned document (%1)</source>
        <translation>Открыть скан документа (%1)</translation>
    </message>
    <message>
        <source>Open a &amp;sample document</source>
        <translation>Открыть &amp;образец документа</translation>
    </message>
    <message>
        <source>Generate a fictional document photo and read it (Ctrl+Shift+O)</source>
        <translation>Создать снимок вымышленного документа и прочитать его (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>О&amp;чистить</translation>
    </message>
    <message>
        <source>Clear the document for the next traveller (Esc)</source>
        <translation>Очистить экран для следующего документа (Esc)</translation>
    </message>
    <message>
        <source>Read the MRZ of any document: open a scan (%1) or drop an image file here.</source>
        <translation>Прочитайте МЧЗ любого документа: откройте скан (%1) или перетащите сюда файл изображения.</translation>
    </message>
    <message>
        <source>Open a scanned document</source>
        <translation>Открыть скан документа</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>Изображения (%1);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Generating a sample document…</source>
        <translation>Создаётся образец документа…</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Чтение %1…</translation>
    </message>
    <message>
        <source>The image was read but cannot be displayed.</source>
        <translation>Изображение прочитано, но не может быть показано.</translation>
    </message>
    <message>
        <source>Finished in %1 ms.</source>
        <translation>Готово за %1 мс.</translation>
    </message>
    <message>
        <source>The document could not be read.</source>
        <translation>Не удалось прочитать документ.</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <source>&amp;Page:</source>
        <translation>&amp;Страница:</translation>
    </message>
    <message>
        <source>Show feature &amp;zones</source>
        <translation>Показать &amp;зоны признаков</translation>
    </message>
    <message>
        <source>Outline every feature&apos;s zone on the image</source>
        <translation>Обвести на изображении зону каждого признака</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>По размеру</translation>
    </message>
    <message>
        <source>Fit the page to the window</source>
        <translation>Вписать страницу в окно</translation>
    </message>
    <message>
        <source>Actual size: one image pixel per screen pixel</source>
        <translation>Исходный размер: один пиксель изображения на пиксель экрана</translation>
    </message>
    <message>
        <source>Loading the images…</source>
        <translation>Загрузка изображений…</translation>
    </message>
    <message>
        <source>This image could not be opened.</source>
        <translation>Не удалось открыть это изображение.</translation>
    </message>
</context>
<context>
    <name>ReportBuilder</name>
    <message>
        <source>Expert examination report</source>
        <translation>Заключение эксперта по проверке документа</translation>
    </message>
    <message>
        <source>The comparison as shown on screen</source>
        <translation>Сравнение в том виде, как оно показано на экране</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Проверка</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Свет</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Score / threshold</source>
        <translation>Оценка / порог</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Expert&apos;s notes</source>
        <translation>Заметки эксперта</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Фигура</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>Questioned document</source>
        <translation>Проверяемый документ</translation>
    </message>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Evidence of the findings (questioned, specimen, difference)</source>
        <translation>Доказательства замечаний (проверяемый, образец, отличия)</translation>
    </message>
    <message>
        <source>docexam expert report</source>
        <translation>docexam: заключение эксперта</translation>
    </message>
    <message>
        <source>Export the expert report</source>
        <translation>Сохранить заключение эксперта</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Документы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>none identified</source>
        <translation>не определён</translation>
    </message>
    <message>
        <source>Log entry</source>
        <translation>Запись журнала</translation>
    </message>
    <message>
        <source>not in the log yet</source>
        <translation>ещё не записан в журнал</translation>
    </message>
    <message>
        <source>Examiner</source>
        <translation>Эксперт</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Рабочее место</translation>
    </message>
    <message>
        <source>Report made</source>
        <translation>Заключение составлено</translation>
    </message>
    <message>
        <source>Verdict recorded in the log</source>
        <translation>Заключение, записанное в журнале</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Рамка</translation>
    </message>
    <message>
        <source>Arrow</source>
        <translation>Стрелка</translation>
    </message>
    <message>
        <source>Side: %1</source>
        <translation>Сторона: %1</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Проверки</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>Session package:</source>
        <translation>Пакет занятия:</translation>
    </message>
    <message>
        <source>Answer key:</source>
        <translation>Ключ ответов:</translation>
    </message>
    <message>
        <source>Results files:</source>
        <translation>Файлы результатов:</translation>
    </message>
    <message>
        <source>Training database:</source>
        <translation>База учебных результатов:</translation>
    </message>
    <message>
        <source>beside the package: &lt;name&gt;.key.json</source>
        <translation>рядом с пакетом: &lt;имя&gt;.key.json</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Добавить…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Оценить</translation>
    </message>
    <message>
        <source>Export report (PDF)…</source>
        <translation>Экспорт отчёта (PDF)…</translation>
    </message>
    <message>
        <source>Import into the training database</source>
        <translation>Импорт в базу учебных результатов</translation>
    </message>
    <message>
        <source>Trainee</source>
        <translation>Обучаемый</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>Верно</translation>
    </message>
    <message>
        <source>Forgeries missed</source>
        <translation>Пропущено подделок</translation>
    </message>
    <message>
        <source>Genuine refused</source>
        <translation>Подлинные отклонены</translation>
    </message>
    <message>
        <source>Inconclusive</source>
        <translation>Не определено</translation>
    </message>
    <message>
        <source>Unanswered</source>
        <translation>Без ответа</translation>
    </message>
    <message>
        <source>Feature hits</source>
        <translation>Найдено признаков</translation>
    </message>
    <message>
        <source>False marks</source>
        <translation>Ложные отметки</translation>
    </message>
    <message>
        <source>Features missed</source>
        <translation>Пропущено признаков</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Over time</source>
        <translation>Сверх времени</translation>
    </message>
    <message>
        <source>Open a training session</source>
        <translation>Открыть учебное занятие</translation>
    </message>
    <message>
        <source>Training sessions (*.dxs)</source>
        <translation>Учебные занятия (*.dxs)</translation>
    </message>
    <message>
        <source>Open the answer key</source>
        <translation>Открыть ключ ответов</translation>
    </message>
    <message>
        <source>Answer keys (*.key.json *.json)</source>
        <translation>Ключи ответов (*.key.json *.json)</translation>
    </message>
    <message>
        <source>Add results files</source>
        <translation>Добавить файлы результатов</translation>
    </message>
    <message>
        <source>Training results (*.json *.dxr)</source>
        <translation>Учебные результаты (*.json *.dxr)</translation>
    </message>
    <message>
        <source>Choose the session package, its answer key and at least one results file.</source>
        <translation>Выберите пакет занятия, его ключ ответов и хотя бы один файл результатов.</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>Оценка…</translation>
    </message>
    <message>
        <source>Session summary</source>
        <translation>Итоги занятия</translation>
    </message>
    <message>
        <source>Forgery types missed most:</source>
        <translation>Чаще всего пропущенные виды подделок:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Features missed most:</source>
        <translation>Чаще всего пропущенные признаки:</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Экспорт отчёта</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Запись отчёта…</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Отчёт записан: %1</translation>
    </message>
    <message>
        <source>%1 results stored.</source>
        <translation>Сохранено результатов: %1.</translation>
    </message>
    <message>
        <source>Imported before (skipped): %1</source>
        <translation>Уже импортированы (пропущены): %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Officer ID:</source>
        <translation>Сотрудник (ID):</translation>
    </message>
    <message>
        <source>Station ID:</source>
        <translation>Пост (ID):</translation>
    </message>
    <message>
        <source>Examination log:</source>
        <translation>Журнал проверок:</translation>
    </message>
    <message>
        <source>Keep examinations (days):</source>
        <translation>Хранить проверки (дней):</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Язык:</translation>
    </message>
    <message>
        <source>Specimen library:</source>
        <translation>Библиотека образцов:</translation>
    </message>
    <message>
        <source>Capture source:</source>
        <translation>Источник снимков:</translation>
    </message>
    <message>
        <source>Drop folder:</source>
        <translation>Папка считывателя:</translation>
    </message>
    <message>
        <source>Scanner:</source>
        <translation>Сканер:</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>Камера:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Station and log</source>
        <translation>Пост и журнал</translation>
    </message>
    <message>
        <source>Capture devices</source>
        <translation>Устройства съёмки</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Look for scanners again</source>
        <translation>Заново найти сканеры</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>По умолчанию: %1</translation>
    </message>
    <message>
        <source>No folder chosen</source>
        <translation>Папка не выбрана</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Обзор…</translation>
    </message>
    <message>
        <source>Set by the environment variable %1, which overrides the settings file.</source>
        <translation>Задано переменной окружения %1, она имеет приоритет над файлом настроек.</translation>
    </message>
    <message>
        <source>Image files</source>
        <translation>Файлы изображений</translation>
    </message>
    <message>
        <source>Reader&apos;s drop folder</source>
        <translation>Папка считывателя</translation>
    </message>
    <message>
        <source>Scanner (SANE)</source>
        <translation>Сканер (SANE)</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <source>The first scanner found</source>
        <translation>Первый найденный сканер</translation>
    </message>
    <message>
        <source>Settings file (shared with the docexam command): %1</source>
        <translation>Файл настроек (общий с командой docexam): %1</translation>
    </message>
    <message>
        <source>Desktop preferences: %1</source>
        <translation>Настройки приложения: %1</translation>
    </message>
    <message>
        <source>Looking for scanners…</source>
        <translation>Поиск сканеров…</translation>
    </message>
    <message>
        <source>No scanner found. Check that it is switched on and connected.</source>
        <translation>Сканер не найден. Проверьте, что он включён и подключён.</translation>
    </message>
    <message>
        <source>Scanners found: %1</source>
        <translation>Найдено сканеров: %1</translation>
    </message>
    <message>
        <source>Scanners cannot be listed: %1</source>
        <translation>Не удалось получить список сканеров: %1</translation>
    </message>
    <message>
        <source>enter a value</source>
        <translation>введите значение</translation>
    </message>
    <message>
        <source>must be at least %1</source>
        <translation>должно быть не меньше %1</translation>
    </message>
    <message>
        <source>Not saved. Correct: %1</source>
        <translation>Не сохранено. Исправьте: %1</translation>
    </message>
</context>
<context>
    <name>SourceBar</name>
    <message>
        <source>Source:</source>
        <extracomment>The device line: (kind, text maker); worded again on a language switch.</extracomment>
        <translation>Источник:</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Drop folder</source>
        <translation>Папка считывателя</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Сканер</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Камера</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>Выбрать папку…</translation>
    </message>
    <message>
        <source>first scanner found</source>
        <translation>первый найденный сканер</translation>
    </message>
    <message>
        <source>SANE device name, e.g. test:0 (empty: the first)</source>
        <translation>Имя устройства SANE, например test:0 (пусто: первое найденное)</translation>
    </message>
    <message>
        <source>no folder chosen</source>
        <translation>папка не выбрана</translation>
    </message>
    <message>
        <source>No device found. Check the cable and the device name.</source>
        <translation>Устройство не найдено. Проверьте кабель и имя устройства.</translation>
    </message>
    <message>
        <source>The device is used by another program.</source>
        <translation>Устройство занято другой программой.</translation>
    </message>
    <message>
        <source>The device stopped delivering (unplugged?).</source>
        <translation>Устройство перестало передавать изображение (отключено?).</translation>
    </message>
    <message>
        <source>The device did not answer in time.</source>
        <translation>Устройство не ответило вовремя.</translation>
    </message>
    <message>
        <source>Not a camera, a video, an image folder or a stream.</source>
        <translation>Это не камера, не видео, не папка снимков и не поток.</translation>
    </message>
    <message>
        <source>The scan failed.</source>
        <translation>Сканирование не удалось.</translation>
    </message>
    <message>
        <source>The drop folder is gone (a network share disconnected?).</source>
        <translation>Папка считывателя пропала (отключён сетевой ресурс?).</translation>
    </message>
    <message>
        <source>Scanning needs SANE (scanimage), which is not installed.</source>
        <translation>Для сканирования нужен SANE (scanimage), он не установлен.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Отменено.</translation>
    </message>
    <message>
        <source>The device failed.</source>
        <translation>Сбой устройства.</translation>
    </message>
    <message>
        <source>The capture could not be used.</source>
        <translation>Снимок не удалось использовать.</translation>
    </message>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>Изображения (%1);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Open a capture</source>
        <translation>Открыть снимок</translation>
    </message>
    <message>
        <source>Open a capture-set folder</source>
        <translation>Открыть папку набора снимков</translation>
    </message>
    <message>
        <source>The reader&apos;s drop folder</source>
        <translation>Папка считывателя</translation>
    </message>
    <message>
        <source>Choose the folder the document reader writes into.</source>
        <translation>Выберите папку, в которую пишет считыватель документов.</translation>
    </message>
    <message>
        <source>Watching %1 for new capture sets.</source>
        <translation>Ожидание новых наборов снимков в %1.</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Сканирование…</translation>
    </message>
    <message>
        <source>Scanned.</source>
        <translation>Отсканировано.</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>скан</translation>
    </message>
</context>
<context>
    <name>SpecimenDetails</name>
    <message>
        <source>Specimen</source>
        <translation>Образец</translation>
    </message>
    <message>
        <source>Security features</source>
        <translation>Защитные признаки</translation>
    </message>
    <message>
        <source>Issuing state:</source>
        <translation>Государство выдачи:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Вид документа:</translation>
    </message>
    <message>
        <source>Series:</source>
        <translation>Серия:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Действует с:</translation>
    </message>
    <message>
        <source>MRZ layout:</source>
        <translation>Формат МЧЗ:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Размер:</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>Разрешение:</translation>
    </message>
    <message>
        <source>Pages:</source>
        <translation>Страницы:</translation>
    </message>
    <message>
        <source>Specimen id:</source>
        <translation>ID образца:</translation>
    </message>
    <message>
        <source>%1 (still issued)</source>
        <translation>%1 (выдаётся до сих пор)</translation>
    </message>
    <message>
        <source>%1 (issued until %2)</source>
        <translation>%1 (выдавался до %2)</translation>
    </message>
    <message>
        <source>%1 × %2 mm</source>
        <translation>%1 × %2 мм</translation>
    </message>
    <message>
        <source>%1 px/mm (%2 dpi)</source>
        <translation>%1 пикс./мм (%2 dpi)</translation>
    </message>
    <message>
        <source>(fictional)</source>
        <translation>(вымышленный)</translation>
    </message>
    <message>
        <source>Choose a feature to see how to check it and what forgeries get wrong.</source>
        <translation>Выберите признак, чтобы увидеть, как его проверить и в чём ошибаются подделки.</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Что это</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Освещение</translation>
    </message>
    <message>
        <source>How to check</source>
        <translation>Как проверить</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>Подлинный</translation>
    </message>
    <message>
        <source>Signs of forgery</source>
        <translation>Признаки подделки</translation>
    </message>
    <message>
        <source>Machine check</source>
        <translation>Автоматическая проверка</translation>
    </message>
</context>
<context>
    <name>SpecimenTree</name>
    <message>
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Выдаётся</translation>
    </message>
    <message>
        <source>Series %1</source>
        <translation>Серия %1</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Take a training session</source>
        <translation>Пройти учебное занятие</translation>
    </message>
    <message>
        <source>Session package:</source>
        <translation>Пакет занятия:</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>Ваше имя:</translation>
    </message>
    <message>
        <source>the .dxs file from your trainer</source>
        <translation>файл .dxs от преподавателя</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <source>Your answers are saved after every case; open the same package with the same name to continue where you stopped.</source>
        <translation>Ответы сохраняются после каждого задания; откройте тот же пакет под тем же именем, чтобы продолжить с места остановки.</translation>
    </message>
    <message>
        <source>Open a training session</source>
        <translation>Открыть учебное занятие</translation>
    </message>
    <message>
        <source>Training sessions (*.dxs)</source>
        <translation>Учебные занятия (*.dxs)</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>x %1 mm, y %2 mm</source>
        <translation>x %1 мм, y %2 мм</translation>
    </message>
    <message>
        <source>Zoom %1 %</source>
        <translation>Масштаб %1 %</translation>
    </message>
    <message>
        <source>Distance: %1 mm</source>
        <translation>Расстояние: %1 мм</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>Заключение сохраняется…</translation>
    </message>
    <message>
        <source>Report saved: %1</source>
        <translation>Заключение сохранено: %1</translation>
    </message>
    <message>
        <source>The report could not be written.</source>
        <translation>Не удалось сохранить заключение.</translation>
    </message>
</context>
<context>
    <name>TodayList</name>
    <message>
        <source>admitted</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказано</translation>
    </message>
    <message>
        <source>referred</source>
        <translation>направлен</translation>
    </message>
    <message>
        <source>other</source>
        <translation>другое</translation>
    </message>
    <message>
        <source>no decision</source>
        <translation>без решения</translation>
    </message>
    <message>
        <source>consistent</source>
        <translation>соответствует</translation>
    </message>
    <message>
        <source>suspect</source>
        <translation>подозрение</translation>
    </message>
    <message>
        <source>inconclusive</source>
        <translation>не определено</translation>
    </message>
    <message>
        <source>Today at this booth (%1)</source>
        <translation>Сегодня на этом посту (%1)</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>Дело %1</translation>
    </message>
    <message>
        <source>The log cannot be read (%1).</source>
        <translation>Журнал не читается (%1).</translation>
    </message>
    <message>
        <source>No examinations recorded today.</source>
        <translation>Сегодня проверок не записано.</translation>
    </message>
    <message>
        <source>(name not read)</source>
        <translation>(имя не прочитано)</translation>
    </message>
</context>
<context>
    <name>TraineePanel</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Предыдущее</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Следующее ▶</translation>
    </message>
    <message>
        <source>Finish…</source>
        <translation>Завершить…</translation>
    </message>
    <message>
        <source>Choose the session package and enter your name.</source>
        <translation>Выберите пакет занятия и введите своё имя.</translation>
    </message>
    <message>
        <source>%1 — trainer %2</source>
        <translation>%1 — преподаватель %2</translation>
    </message>
    <message>
        <source>continued from your autosave</source>
        <translation>продолжено с автосохранения</translation>
    </message>
    <message>
        <source>Case %1 of %2</source>
        <translation>Задание %1 из %2</translation>
    </message>
    <message>
        <source>Answered %1 of %2</source>
        <translation>Отвечено %1 из %2</translation>
    </message>
    <message>
        <source>Time %1</source>
        <translation>Время %1</translation>
    </message>
    <message>
        <source>(over time)</source>
        <translation>(время вышло)</translation>
    </message>
    <message>
        <source>Training case %1</source>
        <translation>Учебное задание %1</translation>
    </message>
    <message>
        <source>Save your results</source>
        <translation>Сохранить результаты</translation>
    </message>
    <message>
        <source>Training results (*.json)</source>
        <translation>Учебные результаты (*.json)</translation>
    </message>
</context>
<context>
    <name>TrainingTexts</name>
    <message>
        <source>Genuine</source>
        <translation>Подлинный</translation>
    </message>
    <message>
        <source>Photo substitution</source>
        <translation>Замена фотографии</translation>
    </message>
    <message>
        <source>MRZ altered</source>
        <translation>Изменена МСЗ</translation>
    </message>
    <message>
        <source>MRZ altered, check digits recomputed</source>
        <translation>Изменена МСЗ, контрольные цифры пересчитаны</translation>
    </message>
    <message>
        <source>Printed data altered</source>
        <translation>Изменены напечатанные данные</translation>
    </message>
    <message>
        <source>Counterfeit reprint</source>
        <translation>Поддельная перепечатка</translation>
    </message>
    <message>
        <source>UV print missing</source>
        <translation>Отсутствует УФ-печать</translation>
    </message>
    <message>
        <source>Foreign UV print</source>
        <translation>Чужая УФ-печать</translation>
    </message>
    <message>
        <source>IR drop-out ink replaced</source>
        <translation>Заменена ИК-невидимая краска</translation>
    </message>
    <message>
        <source>Foreign guilloche</source>
        <translation>Чужая гильоширная сетка</translation>
    </message>
    <message>
        <source>Wrong personalisation typeface</source>
        <translation>Неверный шрифт персонализации</translation>
    </message>
    <message>
        <source>Ghost image mismatch</source>
        <translation>Несовпадение дополнительного изображения</translation>
    </message>
    <message>
        <source>Series mix</source>
        <translation>Смешение серий</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Сканер</translation>
    </message>
    <message>
        <source>Booth camera</source>
        <translation>Камера кабины</translation>
    </message>
    <message>
        <source>Phone camera</source>
        <translation>Камера телефона</translation>
    </message>
    <message>
        <source>Mixed (scanner, camera, phone)</source>
        <translation>Вперемешку (сканер, камера, телефон)</translation>
    </message>
    <message>
        <source>None (flat pages, fast)</source>
        <translation>Без съёмки (плоские страницы, быстро)</translation>
    </message>
</context>
<context>
    <name>TrainingWorkspace</name>
    <message>
        <source>Trainee</source>
        <extracomment>An OpenedExam of the current case (only offered when the session shows verdicts).</extracomment>
        <translation>Обучаемый</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Преподаватель</translation>
    </message>
    <message>
        <source>Take a training session</source>
        <translation>Пройти учебное занятие</translation>
    </message>
    <message>
        <source>Build sessions and score results</source>
        <translation>Создание занятий и оценка результатов</translation>
    </message>
    <message>
        <source>Build a session</source>
        <translation>Создать занятие</translation>
    </message>
    <message>
        <source>Score results</source>
        <translation>Оценка результатов</translation>
    </message>
    <message>
        <source>Training: trainee</source>
        <translation>Обучение: обучаемый</translation>
    </message>
    <message>
        <source>Training: trainer</source>
        <translation>Обучение: преподаватель</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>CONSISTENT</source>
        <translation>СООТВЕТСТВУЕТ</translation>
    </message>
    <message>
        <source>SUSPECT</source>
        <translation>ПОДОЗРЕНИЕ</translation>
    </message>
    <message>
        <source>INCONCLUSIVE</source>
        <translation>НЕ ОПРЕДЕЛЕНО</translation>
    </message>
    <message>
        <source>Waiting for a document</source>
        <translation>Ожидание документа</translation>
    </message>
    <message>
        <source>Examining…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>No findings: every check passed.</source>
        <translation>Замечаний нет: все проверки пройдены.</translation>
    </message>
    <message>
        <source>and %1 more (open the expert view)</source>
        <translation>и ещё %1 (откройте экспертизу)</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Почему:</translation>
    </message>
    <message>
        <source>Specimen: not identified</source>
        <translation>Образец: не определён</translation>
    </message>
    <message>
        <source>Specimen: %1 (%2), score %3</source>
        <translation>Образец: %1 (%2), оценка %3</translation>
    </message>
    <message>
        <source>runner-up %1 %2, margin %3</source>
        <translation>следующий %1 %2, отрыв %3</translation>
    </message>
</context>
</TS>
